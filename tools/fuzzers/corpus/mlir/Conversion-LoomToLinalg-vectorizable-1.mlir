func.func @layout_family(%bias: tensor<16xf32>, %x: tensor<4x1x1xf32>, %t: tensor<4x6xf32>)
    -> (tensor<8x16xf32>, tensor<4x5x1xf32>, tensor<6x4xf32>) {
  %b = loom.broadcast_in_dim %bias dims = [1] : tensor<16xf32> -> tensor<8x16xf32>
  %u = loom.broadcast_in_dim %x dims = [0, 1, 2] : tensor<4x1x1xf32> -> tensor<4x5x1xf32>
  %p = loom.transpose %t perm = [1, 0] : tensor<4x6xf32> -> tensor<6x4xf32>
  return %b, %u, %p : tensor<8x16xf32>, tensor<4x5x1xf32>, tensor<6x4xf32>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %ops = transform.structured.match interface{LinalgOp} in %root : (!transform.any_op) -> !transform.any_op
    transform.structured.vectorize %ops : !transform.any_op
    transform.yield
  }
}
