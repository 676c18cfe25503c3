func.func @scalar_result(%x: tensor<2xf32>, %s: f32) -> (tensor<2xf32>, f32) {
  return %x, %s : tensor<2xf32>, f32
}
