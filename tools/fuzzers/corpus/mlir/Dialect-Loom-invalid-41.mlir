func.func @constant_unranked() -> tensor<4xf32> {
  %0 = "loom.constant"() {value = dense<1.0> : vector<4xf32>} : () -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
