func.func @tied_out_of_range(%p: tensor<4xf32>, %g: tensor<4xf32>)
    -> (tensor<4xf32> {loom.tied_to = 2 : i64}) {
  return %p : tensor<4xf32>
}
