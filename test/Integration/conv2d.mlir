// A strided, padded convolution on the JIT, checked against a hand computation.
// RUN: loomc %s --run | FileCheck %s

// Input 1x1x3x3 = [[1,2,3],[4,5,6],[7,8,9]], filter 1x1x2x2 of ones, stride 2,
// padding 1: the padded input is 5x5 and the 2x2 windows at (0,0), (0,2), (2,0),
// (2,2) see {1}, {2,3}, {4,7}, {5,6,8,9}.
// CHECK: result #0: tensor<1x1x2x2xf32>
// CHECK-NEXT: values: [1, 5, 11, 28]
func.func @conv() -> tensor<1x1x2x2xf32> {
  %x = loom.constant dense<[[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]]]> : tensor<1x1x3x3xf32>
  %w = loom.constant dense<1.0> : tensor<1x1x2x2xf32>
  %y = loom.conv2d %x, %w strides = [2, 2] padding = [1, 1] : tensor<1x1x3x3xf32>, tensor<1x1x2x2xf32> -> tensor<1x1x2x2xf32>
  return %y : tensor<1x1x2x2xf32>
}
