func.func @conv2d_transpose(%x: tensor<1x3x3x3xf32> {loom.differentiate}, %f: tensor<3x2x3x3xf32> {loom.differentiate}, %dy: tensor<1x2x6x5xf32>) -> tensor<f32> {
  %y = loom.conv2d_transpose %x, %f strides = [2, 2] padding = [1, 1] : tensor<1x3x3x3xf32>, tensor<3x2x3x3xf32> -> tensor<1x2x6x5xf32>
  %w = loom.mul %y, %dy : tensor<1x2x6x5xf32>
  %l = loom.reduce_sum %w axes = [0, 1, 2, 3] : tensor<1x2x6x5xf32> -> tensor<f32>
  return %l : tensor<f32>
}
