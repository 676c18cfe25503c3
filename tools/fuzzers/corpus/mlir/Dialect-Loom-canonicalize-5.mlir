func.func @constant_shapes(%x: tensor<2x3xf32>, %y: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<3x2xf32>, tensor<2x3xf32>) {
  %s = loom.constant dense<0.5> : tensor<3xf32>
  %0 = loom.broadcast_in_dim %s dims = [1] : tensor<3xf32> -> tensor<2x3xf32>
  %c = loom.constant dense<[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]> : tensor<6xf32>
  %1 = loom.reshape %c : tensor<6xf32> -> tensor<3x2xf32>
  %t = loom.constant dense<true> : tensor<2x3xi1>
  %2 = loom.select %t, %x, %y : tensor<2x3xi1>, tensor<2x3xf32>
  return %0, %1, %2 : tensor<2x3xf32>, tensor<3x2xf32>, tensor<2x3xf32>
}
