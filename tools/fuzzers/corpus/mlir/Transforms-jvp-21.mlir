func.func @convert_through_integer(%x: tensor<4xf32> {loom.differentiate}) -> tensor<f32> {
  %i = loom.convert %x : tensor<4xf32> -> tensor<4xi32>
  %y = loom.convert %i : tensor<4xi32> -> tensor<4xf32>
  %l = loom.reduce_sum %y axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}
