func.func @reduce_axis_range(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  %0 = loom.reduce_sum %x axes = [2] : tensor<2x3xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
