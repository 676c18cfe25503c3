"""Prints a loom function whose body is one dependency chain of N ops.

Usage: deep_graph.py N [--loss]

Each step is `add(tanh(x), x)`: every op uses the one before it and no fold
or CSE shortens the chain, so a pass or evaluator that recursed along use-def
edges would need stack depth proportional to N. With --loss the argument is
a parameter and the function returns the sum of the chain's end (a loss for
--grad and --train-step).
"""
import sys

count = int(sys.argv[1])
loss = "--loss" in sys.argv[2:]
t = "tensor<4xf32>"
argument = f"%x0: {t}"
if loss:
    argument += ' {loom.param = "w", loom.init = #loom.init<uniform, 1.0>}'
print(f"func.func @deep({argument}) -> {'tensor<f32>' if loss else t} {{")
for i in range(count // 2):
    print(f"  %t{i} = loom.tanh %x{i} : {t}")
    print(f"  %x{i + 1} = loom.add %t{i}, %x{i} : {t}")
last = f"%x{count // 2}"
if loss:
    print(f"  %loss = loom.reduce_sum {last} axes = [0] : {t} -> tensor<f32>")
    print("  return %loss : tensor<f32>")
else:
    print(f"  return {last} : {t}")
print("}")
