func.func @reshape_stays_outside_matmul(%a: tensor<6x5xf32>, %b: tensor<5x8xf32>) -> tensor<2x3x4x2xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<6x8xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<6x8xf32>) -> tensor<6x8xf32>
  %product = linalg.matmul ins(%a, %b : tensor<6x5xf32>, tensor<5x8xf32>) outs(%init : tensor<6x8xf32>) -> tensor<6x8xf32>
  %expanded = tensor.expand_shape %product [[0, 1], [2, 3]] output_shape [2, 3, 4, 2] : tensor<6x8xf32> into tensor<2x3x4x2xf32>
  return %expanded : tensor<2x3x4x2xf32>
}
