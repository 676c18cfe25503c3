func.func @reshape_count(%a: tensor<2x3xf32>) -> tensor<7xf32> {
  %0 = loom.reshape %a : tensor<2x3xf32> -> tensor<7xf32>
  return %0 : tensor<7xf32>
}
