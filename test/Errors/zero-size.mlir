// Tensors with a zero dimension are valid and run: every op on them gives an
// empty result, and a reduction over an empty axis gives its identity (sum 0,
// max -inf; mean 0/0 = NaN), as a matmul with k = 0 gives zeros. The
// summary of a result without finite values is its non-finite count.
//
// RUN: loomc %s --run | FileCheck %s

func.func @f(%x: tensor<0x1x4x4xf32>, %w: tensor<2x1x3x3xf32>,
             %a: tensor<0x5xf32>, %b: tensor<5x0xf32>)
    -> (tensor<0x2x2x2xf32>, tensor<0x0xf32>, tensor<5x0xf32>, tensor<0x5xf32>,
        tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5x5xf32>) {
  %conv = loom.conv2d %x, %w strides = [1, 1] padding = [0, 0] : tensor<0x1x4x4xf32>, tensor<2x1x3x3xf32> -> tensor<0x2x2x2xf32>
  %mm = loom.matmul %a, %b : tensor<0x5xf32>, tensor<5x0xf32> -> tensor<0x0xf32>
  %t = loom.transpose %a perm = [1, 0] : tensor<0x5xf32> -> tensor<5x0xf32>
  %e = loom.exp %a : tensor<0x5xf32>
  %sum = loom.reduce_sum %a axes = [0] : tensor<0x5xf32> -> tensor<5xf32>
  %max = loom.reduce_max %a axes = [0] : tensor<0x5xf32> -> tensor<5xf32>
  %mean = loom.reduce_mean %a axes = [0] : tensor<0x5xf32> -> tensor<5xf32>
  %k0 = loom.matmul %b, %a : tensor<5x0xf32>, tensor<0x5xf32> -> tensor<5x5xf32>
  return %conv, %mm, %t, %e, %sum, %max, %mean, %k0
      : tensor<0x2x2x2xf32>, tensor<0x0xf32>, tensor<5x0xf32>, tensor<0x5xf32>,
        tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5x5xf32>
}
// CHECK:      result #0: tensor<0x2x2x2xf32>  (no elements)
// CHECK-NEXT: result #1: tensor<0x0xf32>  (no elements)
// CHECK-NEXT: result #2: tensor<5x0xf32>  (no elements)
// CHECK-NEXT: result #3: tensor<0x5xf32>  (no elements)
// CHECK-NEXT: result #4: tensor<5xf32>
// CHECK-NEXT:   values: [0, 0, 0, 0, 0]
// CHECK-NEXT: result #5: tensor<5xf32>  non-finite=5
// CHECK-NEXT:   values: [-inf, -inf, -inf, -inf, -inf]
// CHECK-NEXT: result #6: tensor<5xf32>  non-finite=5
// CHECK-NEXT:   values: [{{-?}}nan, {{-?}}nan, {{-?}}nan, {{-?}}nan, {{-?}}nan]
// CHECK-NEXT: result #7: tensor<5x5xf32>  mean=0 std=0 min=0 max=0 sum=0
