func.func @conv2d_unpadded(%in: tensor<1x1x5x5xf64>, %f: tensor<2x1x3x3xf64>) -> tensor<1x2x3x3xf64> {
  %0 = loom.conv2d %in, %f strides = [1, 1] padding = [0, 0] : tensor<1x1x5x5xf64>, tensor<2x1x3x3xf64> -> tensor<1x2x3x3xf64>
  return %0 : tensor<1x2x3x3xf64>
}
