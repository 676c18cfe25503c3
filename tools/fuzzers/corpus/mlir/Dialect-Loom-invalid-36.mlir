func.func @reduce_axis_order(%x: tensor<2x3xf32>) -> tensor<f32> {
  %0 = loom.reduce_max %x axes = [1, 0] : tensor<2x3xf32> -> tensor<f32>
  return %0 : tensor<f32>
}
