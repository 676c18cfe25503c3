func.func @convert_shape(%a: tensor<4xf32>) -> tensor<5xf64> {
  %0 = loom.convert %a : tensor<4xf32> -> tensor<5xf64>
  return %0 : tensor<5xf64>
}
