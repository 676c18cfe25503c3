func.func @random_normal(%seed: tensor<i64>) -> tensor<5xf64> {
  %r = loom.random_normal %seed stream = 0 : tensor<i64> -> tensor<5xf64>
  return %r : tensor<5xf64>
}
