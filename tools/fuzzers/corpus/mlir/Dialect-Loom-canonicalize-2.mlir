func.func @no_fold_non_identity(%x: tensor<4xf32>) -> tensor<4xf32> {
  %zero = loom.constant dense<0.0> : tensor<4xf32>
  %two = loom.constant dense<2.0> : tensor<4xf32>
  %0 = loom.sub %zero, %x : tensor<4xf32>
  %1 = loom.mul %0, %two : tensor<4xf32>
  return %1 : tensor<4xf32>
}
