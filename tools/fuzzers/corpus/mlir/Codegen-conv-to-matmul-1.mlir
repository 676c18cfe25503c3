func.func @conv_channel_columns(%x: tensor<2x8x7x7xf32>, %w: tensor<16x8x3x3xf32>) -> tensor<2x16x3x3xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<2x16x3x3xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%empty : tensor<2x16x3x3xf32>) -> tensor<2x16x3x3xf32>
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%x, %w : tensor<2x8x7x7xf32>, tensor<16x8x3x3xf32>) outs(%fill : tensor<2x16x3x3xf32>) -> tensor<2x16x3x3xf32>
  return %r : tensor<2x16x3x3xf32>
}
