func.func @broadcast_bias(%bias: tensor<16xf32>) -> tensor<8x16xf32> {
  %b = loom.broadcast_in_dim %bias dims = [1] : tensor<16xf32> -> tensor<8x16xf32>
  return %b : tensor<8x16xf32>
}
