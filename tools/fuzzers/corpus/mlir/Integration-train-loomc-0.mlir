func.func @loss(%w: tensor<3xf32> {loom.param = "w", loom.init = #loom.init<ones, 1.0>})
    -> tensor<f32> {
  %0 = loom.square %w : tensor<3xf32>
  %1 = loom.reduce_sum %0 axes = [0] : tensor<3xf32> -> tensor<f32>
  return %1 : tensor<f32>
}
