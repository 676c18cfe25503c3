func.func @fold_constants() -> tensor<2xf32> {
  %a = loom.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %b = loom.constant dense<[3.0, 4.0]> : tensor<2xf32>
  %0 = loom.add %a, %b : tensor<2xf32>
  %1 = loom.mul %0, %b : tensor<2xf32>
  %2 = loom.sub %1, %b : tensor<2xf32>
  %3 = loom.div %2, %b : tensor<2xf32>
  %4 = loom.neg %3 : tensor<2xf32>
  %5 = loom.neg %4 : tensor<2xf32>
  %6 = loom.max %5, %a : tensor<2xf32>
  %7 = loom.min %6, %b : tensor<2xf32>
  %8 = loom.add %7, %7 : tensor<2xf32>
  %9 = loom.sub %8, %a : tensor<2xf32>
  return %9 : tensor<2xf32>
}
