func.func @dynamic_matmul(%a: tensor<4x?xf32>, %b: tensor<?x8xf32>) -> tensor<4x8xf32> {
  %0 = loom.matmul %a, %b : tensor<4x?xf32>, tensor<?x8xf32> -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}
