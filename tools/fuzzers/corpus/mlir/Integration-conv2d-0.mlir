func.func @conv() -> tensor<1x1x2x2xf32> {
  %x = loom.constant dense<[[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]]]> : tensor<1x1x3x3xf32>
  %w = loom.constant dense<1.0> : tensor<1x1x2x2xf32>
  %y = loom.conv2d %x, %w strides = [2, 2] padding = [1, 1] : tensor<1x1x3x3xf32>, tensor<1x1x2x2xf32> -> tensor<1x1x2x2xf32>
  return %y : tensor<1x1x2x2xf32>
}
