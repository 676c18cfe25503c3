// A saved artifact with a loom.all_reduce links the runtime's collectives by
// name (LoomRuntime exports loomAllReduceF32/F64): in loom-run, which has no
// JIT to hand their addresses over, handle 0 (the world of one process)
// reduces to the values themselves, and a handle no communicator has is the
// call's error, not a crash. The inputs are @make's results.
// RUN: rm -rf %t && mkdir -p %t/in
// RUN: loomc %s --run --entry=make --outputs=%t/in > /dev/null
// RUN: loomc %s --save-artifact=%t/artifact
// RUN: loom-run %t/artifact --entry=exchange --inputs=%t/in/result0.npy,%t/in/result1.npy,%t/in/result2.npy | FileCheck %s
// RUN: not loom-run %t/artifact --entry=exchange --inputs=%t/in/result3.npy,%t/in/result1.npy,%t/in/result2.npy 2>&1 | FileCheck %s --check-prefix=UNKNOWN

// CHECK: result #0: tensor<2x2xf32>
// CHECK-NEXT: values: [1, 2, 3, 4]
// CHECK-NEXT: result #1: tensor<3xf64>
// CHECK-NEXT: values: [0.5, -1, 2]
// UNKNOWN: loom-run: error (invalid argument): loom.all_reduce: no live communicator has handle 7

func.func @make() -> (tensor<i64>, tensor<2x2xf32>, tensor<3xf64>, tensor<i64>) {
  %c = loom.constant dense<0> : tensor<i64>
  %a = loom.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %b = loom.constant dense<[0.5, -1.0, 2.0]> : tensor<3xf64>
  %unknown = loom.constant dense<7> : tensor<i64>
  return %c, %a, %b, %unknown : tensor<i64>, tensor<2x2xf32>, tensor<3xf64>, tensor<i64>
}

func.func @exchange(%c: tensor<i64>, %a: tensor<2x2xf32>, %b: tensor<3xf64>) -> (tensor<2x2xf32>, tensor<3xf64>) {
  %ra = loom.all_reduce mean %c, %a : tensor<i64>, tensor<2x2xf32>
  %rb = loom.all_reduce sum %c, %b : tensor<i64>, tensor<3xf64>
  return %ra, %rb : tensor<2x2xf32>, tensor<3xf64>
}
