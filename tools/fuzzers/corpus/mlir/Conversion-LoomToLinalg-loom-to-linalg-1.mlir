func.func @unary_math(%x: tensor<16xf64>) -> tensor<16xf64> {
  %0 = loom.neg %x : tensor<16xf64>
  %1 = loom.exp %0 : tensor<16xf64>
  %2 = loom.log %1 : tensor<16xf64>
  %3 = loom.tanh %2 : tensor<16xf64>
  %4 = loom.sqrt %3 : tensor<16xf64>
  %5 = loom.rsqrt %4 : tensor<16xf64>
  %6 = loom.abs %5 : tensor<16xf64>
  %7 = loom.square %6 : tensor<16xf64>
  return %7 : tensor<16xf64>
}
