func.func @slice_rank(%a: tensor<4xf32>) -> tensor<2xf32> {
  %0 = loom.slice %a start = [0, 0] limit = [2] strides = [1] : tensor<4xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
