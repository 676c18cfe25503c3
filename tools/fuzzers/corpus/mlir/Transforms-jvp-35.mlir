func.func @reparameterize(%mu: tensor<4xf32> {loom.differentiate}, %logvar: tensor<4xf32> {loom.differentiate}, %seed: tensor<i64>) -> tensor<f32> {
  %eps = loom.random_normal %seed stream = 0 : tensor<i64> -> tensor<4xf32>
  %half = loom.constant dense<0.5> : tensor<4xf32>
  %s = loom.mul %logvar, %half : tensor<4xf32>
  %std = loom.exp %s : tensor<4xf32>
  %noise = loom.mul %std, %eps : tensor<4xf32>
  %z = loom.add %mu, %noise : tensor<4xf32>
  %l = loom.reduce_sum %z axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}
