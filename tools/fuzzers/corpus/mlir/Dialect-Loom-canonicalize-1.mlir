func.func @identities(%x: tensor<4xf32>) -> tensor<4xf32> {
  %zero = loom.constant dense<0.0> : tensor<4xf32>
  %one = loom.constant dense<1.0> : tensor<4xf32>
  %0 = loom.add %x, %zero : tensor<4xf32>
  %1 = loom.add %zero, %0 : tensor<4xf32>
  %2 = loom.sub %1, %zero : tensor<4xf32>
  %3 = loom.mul %2, %one : tensor<4xf32>
  %4 = loom.mul %one, %3 : tensor<4xf32>
  %5 = loom.div %4, %one : tensor<4xf32>
  %6 = loom.neg %5 : tensor<4xf32>
  %7 = loom.neg %6 : tensor<4xf32>
  %8 = loom.max %7, %7 : tensor<4xf32>
  %9 = loom.min %8, %8 : tensor<4xf32>
  return %9 : tensor<4xf32>
}
