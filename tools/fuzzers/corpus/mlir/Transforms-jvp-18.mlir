func.func @pow(%a: tensor<4xf32> {loom.differentiate}, %b: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf32>) -> tensor<f32> {
  %y = loom.pow %a, %b : tensor<4xf32>
  %w = loom.mul %y, %dy : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}
