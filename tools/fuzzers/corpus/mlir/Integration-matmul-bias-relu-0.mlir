func.func @dense() -> tensor<2x3xf32> {
  %x = loom.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %w = loom.constant dense<[[1.0, -1.0, 0.0], [0.0, 1.0, 2.0]]> : tensor<2x3xf32>
  %b = loom.constant dense<[0.5, 0.0, -10.0]> : tensor<3xf32>
  %xw = loom.matmul %x, %w : tensor<2x2xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
  %bb = loom.broadcast_in_dim %b dims = [1] : tensor<3xf32> -> tensor<2x3xf32>
  %s = loom.add %xw, %bb : tensor<2x3xf32>
  %r = loom.relu %s : tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}
