func.func @unary(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = loom.neg %x : tensor<4x8xf32>
  %1 = loom.exp %0 : tensor<4x8xf32>
  %2 = loom.log %1 : tensor<4x8xf32>
  %3 = loom.tanh %2 : tensor<4x8xf32>
  %4 = loom.sigmoid %3 : tensor<4x8xf32>
  %5 = loom.relu %4 : tensor<4x8xf32>
  %6 = loom.gelu %5 : tensor<4x8xf32>
  %7 = loom.sqrt %6 : tensor<4x8xf32>
  %8 = loom.rsqrt %7 : tensor<4x8xf32>
  %9 = loom.square %8 : tensor<4x8xf32>
  %10 = loom.abs %9 : tensor<4x8xf32>
  %11 = loom.leaky_relu %10, 0.2 : tensor<4x8xf32>
  return %11 : tensor<4x8xf32>
}

func.func @binary(%a: tensor<3xf64>, %b: tensor<3xf64>) -> tensor<3xf64> {
  %0 = loom.add %a, %b : tensor<3xf64>
  %1 = loom.sub %0, %b : tensor<3xf64>
  %2 = loom.mul %1, %b : tensor<3xf64>
  %3 = loom.div %2, %b : tensor<3xf64>
  %4 = loom.max %3, %b : tensor<3xf64>
  %5 = loom.min %4, %a : tensor<3xf64>
  %6 = loom.pow %5, %b : tensor<3xf64>
  return %6 : tensor<3xf64>
}

func.func @compare_select_convert(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>, %labels: tensor<2xi64>) -> (tensor<2x3xf32>, tensor<2xf32>) {
  %c = loom.compare ge, %a, %b : tensor<2x3xf32>
  %s = loom.select %c, %a, %b : tensor<2x3xi1>, tensor<2x3xf32>
  %f = loom.convert %labels : tensor<2xi64> -> tensor<2xf32>
  return %s, %f : tensor<2x3xf32>, tensor<2xf32>
}

func.func @shapes(%x: tensor<2x3x4xf32>, %b: tensor<4xf32>) -> (tensor<2x3x4xf32>, tensor<6x4xf32>, tensor<4x2x3xf32>, tensor<2x2x2xf32>, tensor<4x3x4xf32>) {
  %0 = loom.broadcast_in_dim %b dims = [2] : tensor<4xf32> -> tensor<2x3x4xf32>
  %1 = loom.reshape %x : tensor<2x3x4xf32> -> tensor<6x4xf32>
  %2 = loom.transpose %x perm = [2, 0, 1] : tensor<2x3x4xf32> -> tensor<4x2x3xf32>
  %3 = loom.slice %x start = [0, 1, 0] limit = [2, 3, 4] strides = [1, 1, 2] : tensor<2x3x4xf32> -> tensor<2x2x2xf32>
  %4 = loom.concat %x, %x axis = 0 : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<4x3x4xf32>
  return %0, %1, %2, %3, %4 : tensor<2x3x4xf32>, tensor<6x4xf32>, tensor<4x2x3xf32>, tensor<2x2x2xf32>, tensor<4x3x4xf32>
}

func.func @contractions(%a: tensor<5x2x3xf32>, %b: tensor<5x3x4xf32>, %img: tensor<1x3x8x8xf32>, %w: tensor<6x3x3x3xf32>) -> (tensor<5x2x4xf32>, tensor<1x6x4x4xf32>, tensor<1x6x4x4xf32>, tensor<1x3x8x8xf32>) {
  %0 = loom.matmul %a, %b : tensor<5x2x3xf32>, tensor<5x3x4xf32> -> tensor<5x2x4xf32>
  %1 = loom.conv2d %img, %w strides = [2, 2] padding = [1, 1] dilations = [1, 1] : tensor<1x3x8x8xf32>, tensor<6x3x3x3xf32> -> tensor<1x6x4x4xf32>
  %2 = loom.conv2d %img, %w strides = [1, 1] padding = [0, 0] dilations = [2, 2] : tensor<1x3x8x8xf32>, tensor<6x3x3x3xf32> -> tensor<1x6x4x4xf32>
  %3 = loom.conv2d_transpose %1, %w strides = [2, 2] padding = [1, 1] : tensor<1x6x4x4xf32>, tensor<6x3x3x3xf32> -> tensor<1x3x8x8xf32>
  return %0, %1, %2, %3 : tensor<5x2x4xf32>, tensor<1x6x4x4xf32>, tensor<1x6x4x4xf32>, tensor<1x3x8x8xf32>
}

func.func @reductions(%x: tensor<2x3x4xf32>) -> (tensor<3xf32>, tensor<2x4xf32>, tensor<f32>) {
  %0 = loom.reduce_sum %x axes = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
  %1 = loom.reduce_mean %x axes = [1] : tensor<2x3x4xf32> -> tensor<2x4xf32>
  %2 = loom.reduce_max %x axes = [0, 1, 2] : tensor<2x3x4xf32> -> tensor<f32>
  return %0, %1, %2 : tensor<3xf32>, tensor<2x4xf32>, tensor<f32>
}

func.func @sources(%seed: tensor<i64> {loom.input = "seed"}, %w: tensor<2x3xf32> {loom.param = "fc.weight", loom.init = #loom.init<xavier_uniform, 1.0>}) -> (tensor<2x3xf32>, tensor<4xi64>, tensor<2x3xf32>, tensor<5xf64>) {
  %c = loom.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %cb = loom.broadcast_in_dim %c dims = [1] : tensor<3xf32> -> tensor<2x3xf32>
  %0 = loom.add %w, %cb : tensor<2x3xf32>
  %1 = loom.iota dim = 0 : tensor<4xi64>
  %2 = loom.random_uniform %seed stream = 0 : tensor<i64> -> tensor<2x3xf32>
  %3 = loom.random_normal %seed stream = 1 : tensor<i64> -> tensor<5xf64>
  return %0, %1, %2, %3 : tensor<2x3xf32>, tensor<4xi64>, tensor<2x3xf32>, tensor<5xf64>
}
