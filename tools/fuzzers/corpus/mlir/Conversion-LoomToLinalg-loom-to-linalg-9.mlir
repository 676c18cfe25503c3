func.func @matmul_3d(%a: tensor<2x4x3xf64>, %b: tensor<2x3x5xf64>) -> tensor<2x4x5xf64> {
  %0 = loom.matmul %a, %b : tensor<2x4x3xf64>, tensor<2x3x5xf64> -> tensor<2x4x5xf64>
  return %0 : tensor<2x4x5xf64>
}
