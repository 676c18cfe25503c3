func.func @broadcast_in_dim(%x: tensor<3x1xf32> {loom.differentiate}, %dy: tensor<2x3x4xf32>) -> tensor<f32> {
  %y = loom.broadcast_in_dim %x dims = [1, 2] : tensor<3x1xf32> -> tensor<2x3x4xf32>
  %w = loom.mul %y, %dy : tensor<2x3x4xf32>
  %l = loom.reduce_sum %w axes = [0, 1, 2] : tensor<2x3x4xf32> -> tensor<f32>
  return %l : tensor<f32>
}
