func.func @broadcast_unit_dims(%x: tensor<4x1x1xf32>) -> tensor<4x5x1xf32> {
  %b = loom.broadcast_in_dim %x dims = [0, 1, 2] : tensor<4x1x1xf32> -> tensor<4x5x1xf32>
  return %b : tensor<4x5x1xf32>
}
