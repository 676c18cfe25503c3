func.func @source_family(%seed: tensor<i64>) -> (tensor<3x4xi32>, tensor<3x4xf32>) {
  %i = loom.iota dim = 1 : tensor<3x4xi32>
  %r = loom.random_normal %seed stream = 3 : tensor<i64> -> tensor<3x4xf32>
  return %i, %r : tensor<3x4xi32>, tensor<3x4xf32>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %ops = transform.structured.match interface{LinalgOp} in %root : (!transform.any_op) -> !transform.any_op
    transform.structured.vectorize %ops : !transform.any_op
    transform.yield
  }
}
