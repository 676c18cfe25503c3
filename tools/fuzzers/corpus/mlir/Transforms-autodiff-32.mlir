func.func @reduce_sum(%x: tensor<2x3x4xf32> {loom.differentiate}, %dy: tensor<3xf32>) -> tensor<f32> {
  %y = loom.reduce_sum %x axes = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
  %w = loom.mul %y, %dy : tensor<3xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<3xf32> -> tensor<f32>
  return %l : tensor<f32>
}
