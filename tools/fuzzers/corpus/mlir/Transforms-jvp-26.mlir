func.func @slice(%x: tensor<7x5xf32> {loom.differentiate}, %dy: tensor<2x3xf32>) -> tensor<f32> {
  %y = loom.slice %x start = [1, 0] limit = [6, 3] strides = [3, 1] : tensor<7x5xf32> -> tensor<2x3xf32>
  %w = loom.mul %y, %dy : tensor<2x3xf32>
  %l = loom.reduce_sum %w axes = [0, 1] : tensor<2x3xf32> -> tensor<f32>
  return %l : tensor<f32>
}
