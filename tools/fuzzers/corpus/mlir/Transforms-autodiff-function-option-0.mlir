func.func @loss(%w: tensor<3xf32> {loom.param = "w"}, %x: tensor<3xf32> {loom.input = "x"}) -> tensor<f32> {
  %y = loom.mul %w, %x : tensor<3xf32>
  %l = loom.reduce_sum %y axes = [0] : tensor<3xf32> -> tensor<f32>
  return %l : tensor<f32>
}

func.func @other(%w: tensor<3xf32> {loom.differentiate}) -> tensor<f32> {
  %l = loom.reduce_sum %w axes = [0] : tensor<3xf32> -> tensor<f32>
  return %l : tensor<f32>
}


func.func @unmarked(%x: tensor<3xf32>) -> tensor<f32> {
  %l = loom.reduce_sum %x axes = [0] : tensor<3xf32> -> tensor<f32>
  return %l : tensor<f32>
}
