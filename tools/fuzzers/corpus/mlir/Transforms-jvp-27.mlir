func.func @concat(%a: tensor<2x3xf32> {loom.differentiate}, %b: tensor<2x1xf32> {loom.differentiate}, %dy: tensor<2x4xf32>) -> tensor<f32> {
  %y = loom.concat %a, %b axis = 1 : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
  %w = loom.mul %y, %dy : tensor<2x4xf32>
  %l = loom.reduce_sum %w axes = [0, 1] : tensor<2x4xf32> -> tensor<f32>
  return %l : tensor<f32>
}
