func.func @contraction_family(%a: tensor<4x3xf64>, %b: tensor<3x5xf64>, %c: tensor<2x3x4x3xf64>,
                              %d: tensor<2x3x3x5xf64>, %x: tensor<4x6xf64>)
    -> (tensor<4x5xf64>, tensor<2x3x4x5xf64>, tensor<4xf64>, tensor<4xf64>) {
  %m = loom.matmul %a, %b : tensor<4x3xf64>, tensor<3x5xf64> -> tensor<4x5xf64>
  %bm = loom.matmul %c, %d : tensor<2x3x4x3xf64>, tensor<2x3x3x5xf64> -> tensor<2x3x4x5xf64>
  %mx = loom.reduce_max %x axes = [1] : tensor<4x6xf64> -> tensor<4xf64>
  %mean = loom.reduce_mean %x axes = [1] : tensor<4x6xf64> -> tensor<4xf64>
  return %m, %bm, %mx, %mean : tensor<4x5xf64>, tensor<2x3x4x5xf64>, tensor<4xf64>, tensor<4xf64>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %ops = transform.structured.match interface{LinalgOp} in %root : (!transform.any_op) -> !transform.any_op
    transform.structured.vectorize %ops : !transform.any_op
    transform.yield
  }
}
