func.func @convert(%f: tensor<4xf32>, %i: tensor<4xi32>, %b: tensor<4xi1>)
    -> (tensor<4xf64>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xi64>, tensor<4xi1>, tensor<4xi1>, tensor<4xi32>) {
  %0 = loom.convert %f : tensor<4xf32> -> tensor<4xf64>
  %1 = loom.convert %0 : tensor<4xf64> -> tensor<4xf32>
  %2 = loom.convert %i : tensor<4xi32> -> tensor<4xf32>
  %3 = loom.convert %b : tensor<4xi1> -> tensor<4xf32>
  %4 = loom.convert %f : tensor<4xf32> -> tensor<4xi64>
  %5 = loom.convert %f : tensor<4xf32> -> tensor<4xi1>
  %6 = loom.convert %i : tensor<4xi32> -> tensor<4xi1>
  %7 = loom.convert %b : tensor<4xi1> -> tensor<4xi32>
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<4xf64>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xi64>, tensor<4xi1>, tensor<4xi1>, tensor<4xi32>
}
