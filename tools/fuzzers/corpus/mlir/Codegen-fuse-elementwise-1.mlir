func.func @collapsed_operand_stays(%a: tensor<2x3x5xf32>, %b: tensor<5x8xf32>) -> tensor<6x8xf32> {
  %zero = arith.constant 0.0 : f32
  %lhs = tensor.collapse_shape %a [[0, 1], [2]] : tensor<2x3x5xf32> into tensor<6x5xf32>
  %empty = tensor.empty() : tensor<6x8xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<6x8xf32>) -> tensor<6x8xf32>
  %product = linalg.matmul ins(%lhs, %b : tensor<6x5xf32>, tensor<5x8xf32>) outs(%init : tensor<6x8xf32>) -> tensor<6x8xf32>
  return %product : tensor<6x8xf32>
}
