func.func @tied(%p: tensor<4xf32> {loom.param = "w"}, %g: tensor<4xf32>)
    -> (tensor<f32>, tensor<4xf32> {loom.tied_to = 0 : i64}) {
  %loss = arith.constant dense<1.0> : tensor<f32>
  %new = arith.subf %p, %g : tensor<4xf32>
  return %loss, %new : tensor<f32>, tensor<4xf32>
}
