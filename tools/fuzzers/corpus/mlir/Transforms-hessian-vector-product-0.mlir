func.func @loss(%x: tensor<4xf64> {loom.differentiate}, %w: tensor<4xf64>) -> tensor<f64> {
  %e = loom.exp %x : tensor<4xf64>
  %m = loom.mul %e, %w : tensor<4xf64>
  %l = loom.reduce_sum %m axes = [0] : tensor<4xf64> -> tensor<f64>
  return %l : tensor<f64>
}
