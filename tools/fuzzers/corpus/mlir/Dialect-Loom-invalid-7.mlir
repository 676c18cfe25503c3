func.func @broadcast_dims_range(%a: tensor<4xf32>) -> tensor<2x4xf32> {
  %0 = loom.broadcast_in_dim %a dims = [2] : tensor<4xf32> -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}
