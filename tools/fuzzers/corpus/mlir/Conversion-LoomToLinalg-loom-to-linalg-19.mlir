func.func @sources() -> (tensor<2xf32>, tensor<3x4xi32>, tensor<3xf64>) {
  %c = loom.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %i = loom.iota dim = 1 : tensor<3x4xi32>
  %f = loom.iota dim = 0 : tensor<3xf64>
  return %c, %i, %f : tensor<2xf32>, tensor<3x4xi32>, tensor<3xf64>
}
