func.func @broadcast_element_type(%a: tensor<4xf32>) -> tensor<2x4xf64> {
  %0 = loom.broadcast_in_dim %a dims = [1] : tensor<4xf32> -> tensor<2x4xf64>
  return %0 : tensor<2x4xf64>
}
