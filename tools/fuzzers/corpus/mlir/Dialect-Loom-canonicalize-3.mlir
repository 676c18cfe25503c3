func.func @shape_noops(%x: tensor<2x3xf32>, %c: tensor<2x3xi1>) -> tensor<2x3xf32> {
  %0 = loom.broadcast_in_dim %x dims = [0, 1] : tensor<2x3xf32> -> tensor<2x3xf32>
  %1 = loom.reshape %0 : tensor<2x3xf32> -> tensor<2x3xf32>
  %2 = loom.transpose %1 perm = [0, 1] : tensor<2x3xf32> -> tensor<2x3xf32>
  %3 = loom.slice %2 start = [0, 0] limit = [2, 3] strides = [1, 1] : tensor<2x3xf32> -> tensor<2x3xf32>
  %4 = loom.concat %3 axis = 1 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %5 = loom.convert %4 : tensor<2x3xf32> -> tensor<2x3xf32>
  %6 = loom.select %c, %5, %5 : tensor<2x3xi1>, tensor<2x3xf32>
  return %6 : tensor<2x3xf32>
}
