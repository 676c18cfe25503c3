func.func @two_results(%a: tensor<3xf64>, %s: f64) -> (tensor<3xf64>, tensor<2x3xi32>) {
  %c = arith.constant dense<1> : tensor<2x3xi32>
  return %a, %c : tensor<3xf64>, tensor<2x3xi32>
}
