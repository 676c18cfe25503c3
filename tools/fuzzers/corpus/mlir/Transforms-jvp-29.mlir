func.func @batch_matmul(%a: tensor<5x2x3xf32> {loom.differentiate}, %b: tensor<5x3x4xf32> {loom.differentiate}, %dy: tensor<5x2x4xf32>) -> tensor<f32> {
  %y = loom.matmul %a, %b : tensor<5x2x3xf32>, tensor<5x3x4xf32> -> tensor<5x2x4xf32>
  %w = loom.mul %y, %dy : tensor<5x2x4xf32>
  %l = loom.reduce_sum %w axes = [0, 1, 2] : tensor<5x2x4xf32> -> tensor<f32>
  return %l : tensor<f32>
}
