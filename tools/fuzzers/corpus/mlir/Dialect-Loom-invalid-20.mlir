func.func @concat_empty() -> tensor<8xf32> {
  %0 = "loom.concat"() {axis = 0 : i64} : () -> tensor<8xf32>
  return %0 : tensor<8xf32>
}
