func.func @convert(%x: tensor<4xf32> {loom.differentiate}, %dy: tensor<4xf64>) -> tensor<f64> {
  %y = loom.convert %x : tensor<4xf32> -> tensor<4xf64>
  %w = loom.mul %y, %dy : tensor<4xf64>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf64> -> tensor<f64>
  return %l : tensor<f64>
}
