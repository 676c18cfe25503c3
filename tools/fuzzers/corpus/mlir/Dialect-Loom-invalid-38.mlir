func.func @iota_dimension() -> tensor<4xi64> {
  %0 = loom.iota dim = 1 : tensor<4xi64>
  return %0 : tensor<4xi64>
}
