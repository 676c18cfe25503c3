func.func @one_result(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %r = math.exp %x : tensor<4x8xf32>
  return %r : tensor<4x8xf32>
}
