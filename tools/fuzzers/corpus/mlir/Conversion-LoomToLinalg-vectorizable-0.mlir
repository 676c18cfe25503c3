func.func @elementwise_family(%a: tensor<4x8xf32>, %b: tensor<4x8xf32>, %i: tensor<4x8xi32>)
    -> (tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>) {
  %g = loom.gelu %a : tensor<4x8xf32>
  %c = loom.compare ge, %g, %b : tensor<4x8xf32>
  %s = loom.select %c, %g, %b : tensor<4x8xi1>, tensor<4x8xf32>
  %f = loom.convert %i : tensor<4x8xi32> -> tensor<4x8xf32>
  %l = loom.leaky_relu %s, 0.1 : tensor<4x8xf32>
  return %s, %f, %l : tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %ops = transform.structured.match interface{LinalgOp} in %root : (!transform.any_op) -> !transform.any_op
    transform.structured.vectorize %ops : !transform.any_op
    transform.yield
  }
}
