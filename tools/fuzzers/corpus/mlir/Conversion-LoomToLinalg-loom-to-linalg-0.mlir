func.func @binary(%a: tensor<4x8xf32>, %b: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = loom.add %a, %b : tensor<4x8xf32>
  %1 = loom.sub %0, %b : tensor<4x8xf32>
  %2 = loom.mul %1, %b : tensor<4x8xf32>
  %3 = loom.div %2, %b : tensor<4x8xf32>
  %4 = loom.max %3, %b : tensor<4x8xf32>
  %5 = loom.min %4, %b : tensor<4x8xf32>
  %6 = loom.pow %5, %b : tensor<4x8xf32>
  return %6 : tensor<4x8xf32>
}
