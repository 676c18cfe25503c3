func.func @fan_out(%x: tensor<4xf32> {loom.differentiate}) -> tensor<f32> {
  %e = loom.exp %x : tensor<4xf32>
  %y = loom.mul %e, %x : tensor<4xf32>
  %l = loom.reduce_sum %y axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}
