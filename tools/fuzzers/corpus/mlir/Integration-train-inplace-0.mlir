func.func @loss(%x: tensor<64x32xf32> {loom.input = "x"},
                %y: tensor<64x16xf32> {loom.input = "y"},
                %w: tensor<32x16xf32> {loom.param = "w", loom.init = #loom.init<normal, 1.0>})
    -> tensor<f32> {
  %0 = loom.matmul %x, %w : tensor<64x32xf32>, tensor<32x16xf32> -> tensor<64x16xf32>
  %1 = loom.sub %0, %y : tensor<64x16xf32>
  %2 = loom.square %1 : tensor<64x16xf32>
  %3 = loom.reduce_mean %2 axes = [0, 1] : tensor<64x16xf32> -> tensor<f32>
  return %3 : tensor<f32>
}
