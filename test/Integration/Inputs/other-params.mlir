// A model whose parameter is named 'v': a checkpoint of 'w' does not fit it
// (loomc-checkpoint.mlir); also a small training step to count (loomc-bench.mlir).
func.func @loss(%x: tensor<8x784xf32> {loom.input = "x"},
                %v: tensor<784x4xf32> {loom.param = "v", loom.init = #loom.init<normal, 0.01>}) -> tensor<f32> {
  %y = loom.matmul %x, %v : tensor<8x784xf32>, tensor<784x4xf32> -> tensor<8x4xf32>
  %l = loom.reduce_mean %y axes = [0, 1] : tensor<8x4xf32> -> tensor<f32>
  return %l : tensor<f32>
}
