func.func @reshape_element_type(%a: tensor<2x3xf32>) -> tensor<6xf64> {
  %0 = loom.reshape %a : tensor<2x3xf32> -> tensor<6xf64>
  return %0 : tensor<6xf64>
}
