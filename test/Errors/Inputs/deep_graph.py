"""Prints a loom function whose body is one dependency chain of N ops.

Usage: deep_graph.py N

Each step is `add(tanh(x), x)`: every op uses the one before it and no fold
or CSE shortens the chain, so a pass or evaluator that recursed along use-def
edges would need stack depth proportional to N.
"""
import sys

count = int(sys.argv[1])
t = "tensor<4xf32>"
print(f"func.func @deep(%x0: {t}) -> {t} {{")
for i in range(count // 2):
    print(f"  %t{i} = loom.tanh %x{i} : {t}")
    print(f"  %x{i + 1} = loom.add %t{i}, %x{i} : {t}")
print(f"  return %x{count // 2} : {t}")
print("}")
