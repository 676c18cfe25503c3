func.func @scalar_tiles_stay_sequential(%x: tensor<64x32x7x7xf32>) -> tensor<32x64x7x7xf32> {
  %empty = tensor.empty() : tensor<32x64x7x7xf32>
  %t = linalg.transpose ins(%x : tensor<64x32x7x7xf32>) outs(%empty : tensor<32x64x7x7xf32>) permutation = [1, 0, 2, 3]
  return %t : tensor<32x64x7x7xf32>
}
