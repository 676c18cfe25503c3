func.func @tied_type_mismatch(%p: tensor<4xf32>, %g: tensor<2xf32>)
    -> (tensor<2xf32> {loom.tied_to = 0 : i64}) {
  return %g : tensor<2xf32>
}
