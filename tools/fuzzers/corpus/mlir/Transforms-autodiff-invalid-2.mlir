func.func @integer_argument(%i: tensor<4xi32> {loom.differentiate}, %x: tensor<4xf32>) -> tensor<f32> {
  %l = loom.reduce_sum %x axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}
