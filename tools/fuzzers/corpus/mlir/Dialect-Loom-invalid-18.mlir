func.func @concat_mismatch(%a: tensor<2x4xf32>, %b: tensor<2x5xf32>) -> tensor<4x4xf32> {
  %0 = loom.concat %a, %b axis = 0 : (tensor<2x4xf32>, tensor<2x5xf32>) -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}
