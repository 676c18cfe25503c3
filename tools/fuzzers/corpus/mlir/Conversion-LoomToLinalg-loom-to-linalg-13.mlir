func.func @conv2d_dilated(%in: tensor<1x2x9x9xf32>, %f: tensor<4x2x3x3xf32>) -> tensor<1x4x5x5xf32> {
  %0 = loom.conv2d %in, %f strides = [1, 1] padding = [0, 0] dilations = [2, 2] : tensor<1x2x9x9xf32>, tensor<4x2x3x3xf32> -> tensor<1x4x5x5xf32>
  return %0 : tensor<1x4x5x5xf32>
}
