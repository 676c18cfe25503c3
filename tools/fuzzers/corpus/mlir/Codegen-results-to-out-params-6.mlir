func.func @tied_twice(%p: tensor<4xf32>)
    -> (tensor<4xf32> {loom.tied_to = 0 : i64}, tensor<4xf32> {loom.tied_to = 0 : i64}) {
  return %p, %p : tensor<4xf32>, tensor<4xf32>
}
