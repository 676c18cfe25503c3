func.func @random_seed(%s: tensor<2xi64>) -> tensor<4xf32> {
  %0 = loom.random_uniform %s stream = 0 : tensor<2xi64> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
