func.func @dense_relu(%x: tensor<32x24xf32>, %w: tensor<24x48xf32>, %b: tensor<48xf32>) -> tensor<32x48xf32> {
  %mm = loom.matmul %x, %w : tensor<32x24xf32>, tensor<24x48xf32> -> tensor<32x48xf32>
  %bb = loom.broadcast_in_dim %b dims = [1] : tensor<48xf32> -> tensor<32x48xf32>
  %s = loom.add %mm, %bb : tensor<32x48xf32>
  %r = loom.relu %s : tensor<32x48xf32>
  return %r : tensor<32x48xf32>
}

func.func @tanh_mul(%x: tensor<8x32xf32>, %y: tensor<8x32xf32>) -> tensor<8x32xf32> {
  %t = loom.tanh %x : tensor<8x32xf32>
  %m = loom.mul %t, %y : tensor<8x32xf32>
  return %m : tensor<8x32xf32>
}
