func.func @dense(%x: tensor<128x64xf32>, %w: tensor<64x256xf32>, %b: tensor<256xf32>) -> tensor<128x256xf32> {
  %xw = loom.matmul %x, %w : tensor<128x64xf32>, tensor<64x256xf32> -> tensor<128x256xf32>
  %bb = loom.broadcast_in_dim %b dims = [1] : tensor<256xf32> -> tensor<128x256xf32>
  %s = loom.add %xw, %bb : tensor<128x256xf32>
  %r = loom.relu %s : tensor<128x256xf32>
  return %r : tensor<128x256xf32>
}
