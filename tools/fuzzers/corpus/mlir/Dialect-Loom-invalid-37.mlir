func.func @reduce_result(%x: tensor<2x3xf32>) -> tensor<3xf32> {
  %0 = loom.reduce_mean %x axes = [1] : tensor<2x3xf32> -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
