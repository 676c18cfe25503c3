func.func @reductions(%x: tensor<4x6x8xf32>) -> (tensor<6xf32>, tensor<4x6xf32>, tensor<4xf32>) {
  %sum = loom.reduce_sum %x axes = [0, 2] : tensor<4x6x8xf32> -> tensor<6xf32>
  %max = loom.reduce_max %x axes = [2] : tensor<4x6x8xf32> -> tensor<4x6xf32>
  %mean = loom.reduce_mean %x axes = [1, 2] : tensor<4x6x8xf32> -> tensor<4xf32>
  return %sum, %max, %mean : tensor<6xf32>, tensor<4x6xf32>, tensor<4xf32>
}
