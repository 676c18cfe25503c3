func.func @compare_condition(%a: tensor<4xf32> {loom.differentiate}, %b: tensor<4xf32> {loom.differentiate}) -> tensor<f32> {
  %c = loom.compare lt, %a, %b : tensor<4xf32>
  %y = loom.select %c, %a, %b : tensor<4xi1>, tensor<4xf32>
  %l = loom.reduce_sum %y axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}
