func.func @conv2d_transpose(%dy: tensor<2x4x4x4xf32>, %f: tensor<4x3x3x3xf32>) -> tensor<2x3x8x8xf32> {
  %0 = loom.conv2d_transpose %dy, %f strides = [2, 2] padding = [1, 1] : tensor<2x4x4x4xf32>, tensor<4x3x3x3xf32> -> tensor<2x3x8x8xf32>
  return %0 : tensor<2x3x8x8xf32>
}
