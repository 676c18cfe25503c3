func.func @transpose(%x: tensor<2x3x4xf32> {loom.differentiate}, %dy: tensor<3x4x2xf32>) -> tensor<f32> {
  %y = loom.transpose %x perm = [1, 2, 0] : tensor<2x3x4xf32> -> tensor<3x4x2xf32>
  %w = loom.mul %y, %dy : tensor<3x4x2xf32>
  %l = loom.reduce_sum %w axes = [0, 1, 2] : tensor<3x4x2xf32> -> tensor<f32>
  return %l : tensor<f32>
}
