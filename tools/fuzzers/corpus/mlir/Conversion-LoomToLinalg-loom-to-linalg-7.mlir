func.func @broadcast_all_unit(%x: tensor<1x1xf64>) -> tensor<3x2xf64> {
  %b = loom.broadcast_in_dim %x dims = [0, 1] : tensor<1x1xf64> -> tensor<3x2xf64>
  return %b : tensor<3x2xf64>
}
