func.func @reshape_scalar(%x: tensor<1x1xi64>, %y: tensor<i64>) -> (tensor<i64>, tensor<1xi64>) {
  %s = loom.reshape %x : tensor<1x1xi64> -> tensor<i64>
  %v = loom.reshape %y : tensor<i64> -> tensor<1xi64>
  return %s, %v : tensor<i64>, tensor<1xi64>
}
