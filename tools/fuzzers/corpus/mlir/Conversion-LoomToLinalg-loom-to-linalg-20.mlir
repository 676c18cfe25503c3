func.func @random_uniform(%seed: tensor<i64>) -> tensor<2x3xf32> {
  %r = loom.random_uniform %seed stream = 7 : tensor<i64> -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}
