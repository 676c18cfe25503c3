func.func @slice_range(%a: tensor<4xf32>) -> tensor<2xf32> {
  %0 = loom.slice %a start = [3] limit = [5] strides = [1] : tensor<4xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
