func.func @concat_element_type(%a: tensor<4xf32>, %b: tensor<4xf64>) -> tensor<8xf32> {
  %0 = loom.concat %a, %b axis = 0 : (tensor<4xf32>, tensor<4xf64>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}
