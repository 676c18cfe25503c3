func.func @add_type_mismatch(%a: tensor<4xf32>, %b: tensor<5xf32>) -> tensor<4xf32> {
  %0 = loom.add %a, %b : tensor<4xf32>
  return %0 : tensor<4xf32>
}
