// Results written with --outputs are read back with --inputs: the .npy round
// trip through the CLI, feeding a function that takes inputs.
// RUN: rm -rf %t && mkdir -p %t
// RUN: loomc %s --run --entry=make --outputs=%t | FileCheck %s --check-prefix=MAKE
// RUN: loomc %s --run --entry=scale --inputs=%t/result0.npy,%t/result1.npy | FileCheck %s --check-prefix=SCALE
// RUN: not loomc %s --run --entry=scale --inputs=%t/result0.npy 2>&1 | FileCheck %s --check-prefix=TOO-FEW
// RUN: not loomc %s --run --entry=scale --inputs=%t/result1.npy,%t/result0.npy 2>&1 | FileCheck %s --check-prefix=SWAPPED
// RUN: not loomc %s --run --entry=scale --inputs=%t/missing.npy,%t/result1.npy 2>&1 | FileCheck %s --check-prefix=MISSING

// MAKE: result #0: tensor<2x3xf32>
// MAKE: result #1: tensor<3xf32>
func.func @make() -> (tensor<2x3xf32>, tensor<3xf32>) {
  %x = loom.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %s = loom.constant dense<[10.0, -1.0, 0.5]> : tensor<3xf32>
  return %x, %s : tensor<2x3xf32>, tensor<3xf32>
}

// SCALE: result #0: tensor<2x3xf32>
// SCALE-NEXT: values: [10, -2, 1.5, 40, -5, 3]
// TOO-FEW: takes more inputs than the 1 given with --inputs (next: 's' tensor<3xf32>)
// SWAPPED: error: {{.*}}'x'{{.*}}tensor<2x3xf32>{{.*}}tensor<3xf32>
// MISSING: error: {{.*}}missing.npy
func.func @scale(%x: tensor<2x3xf32> {loom.input = "x"}, %s: tensor<3xf32> {loom.input = "s"}) -> tensor<2x3xf32> {
  %sb = loom.broadcast_in_dim %s dims = [1] : tensor<3xf32> -> tensor<2x3xf32>
  %y = loom.mul %x, %sb : tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
