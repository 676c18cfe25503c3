func.func @layout(%x: tensor<4x6xf32>, %y: tensor<4x2xf32>) -> (tensor<6x4xf32>, tensor<2x3xf32>, tensor<4x10xf32>) {
  %t = loom.transpose %x perm = [1, 0] : tensor<4x6xf32> -> tensor<6x4xf32>
  %s = loom.slice %x start = [1, 0] limit = [4, 6] strides = [2, 2] : tensor<4x6xf32> -> tensor<2x3xf32>
  %c = loom.concat %x, %y, %y axis = 1 : (tensor<4x6xf32>, tensor<4x2xf32>, tensor<4x2xf32>) -> tensor<4x10xf32>
  return %t, %s, %c : tensor<6x4xf32>, tensor<2x3xf32>, tensor<4x10xf32>
}
