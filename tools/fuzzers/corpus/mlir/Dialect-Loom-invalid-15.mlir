func.func @slice_stride(%a: tensor<4xf32>) -> tensor<2xf32> {
  %0 = loom.slice %a start = [0] limit = [2] strides = [0] : tensor<4xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
