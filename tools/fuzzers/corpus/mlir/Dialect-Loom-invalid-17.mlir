func.func @concat_axis(%a: tensor<4xf32>) -> tensor<8xf32> {
  %0 = loom.concat %a, %a axis = 1 : (tensor<4xf32>, tensor<4xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}
