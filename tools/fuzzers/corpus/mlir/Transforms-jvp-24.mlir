func.func @reshape(%x: tensor<2x6xf32> {loom.differentiate}, %dy: tensor<3x4xf32>) -> tensor<f32> {
  %y = loom.reshape %x : tensor<2x6xf32> -> tensor<3x4xf32>
  %w = loom.mul %y, %dy : tensor<3x4xf32>
  %l = loom.reduce_sum %w axes = [0, 1] : tensor<3x4xf32> -> tensor<f32>
  return %l : tensor<f32>
}
