func.func @softmax() -> tensor<2x2xf32> {
  %x = loom.constant dense<[[0.0, 1.0986122886681098], [0.6931471805599453, 0.6931471805599453]]> : tensor<2x2xf32>
  %m = loom.reduce_max %x axes = [1] : tensor<2x2xf32> -> tensor<2xf32>
  %mb = loom.broadcast_in_dim %m dims = [0] : tensor<2xf32> -> tensor<2x2xf32>
  %d = loom.sub %x, %mb : tensor<2x2xf32>
  %e = loom.exp %d : tensor<2x2xf32>
  %s = loom.reduce_sum %e axes = [1] : tensor<2x2xf32> -> tensor<2xf32>
  %sb = loom.broadcast_in_dim %s dims = [0] : tensor<2xf32> -> tensor<2x2xf32>
  %p = loom.div %e, %sb : tensor<2x2xf32>
  return %p : tensor<2x2xf32>
}

func.func @reductions() -> (tensor<3xf32>, tensor<2xf32>, tensor<f32>) {
  %x = loom.constant dense<[[1.0, 5.0, 3.0], [-2.0, 0.0, 4.0]]> : tensor<2x3xf32>
  %sum = loom.reduce_sum %x axes = [0] : tensor<2x3xf32> -> tensor<3xf32>
  %mean = loom.reduce_mean %x axes = [1] : tensor<2x3xf32> -> tensor<2xf32>
  %max = loom.reduce_max %x axes = [0, 1] : tensor<2x3xf32> -> tensor<f32>
  return %sum, %mean, %max : tensor<3xf32>, tensor<2xf32>, tensor<f32>
}
