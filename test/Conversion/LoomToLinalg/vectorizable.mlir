// RUN: loom-opt %s -convert-loom-to-linalg -transform-interpreter -split-input-file | FileCheck %s

// Every linalg op the lowering produces must go through linalg::vectorize as
// is, except conv_2d_nchw_fchw, which vectorizes once tiled to one output row
// and one filter row and decomposed to a 1-D convolution.

// CHECK-LABEL: func.func @elementwise_family
// CHECK-NOT: linalg.
// CHECK: math.tanh %{{.*}} : vector<4x8xf32>
// CHECK-NOT: linalg.
// CHECK: arith.select %{{.*}}, %{{.*}}, %{{.*}} : vector<4x8xi1>, vector<4x8xf32>
// CHECK-NOT: linalg.
// CHECK: arith.sitofp %{{.*}} : vector<4x8xi32> to vector<4x8xf32>
// CHECK-NOT: linalg.
// CHECK: return
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

// -----

// CHECK-LABEL: func.func @layout_family
// CHECK-NOT: linalg.
// CHECK: vector.transfer_read %{{.*}} {permutation_map = #{{.*}}} : tensor<16xf32>, vector<8x16xf32>
// CHECK-NOT: linalg.
// CHECK: vector.transfer_read %{{.*}} {permutation_map = #{{.*}}} : tensor<4x1xf32>, vector<4x5x1xf32>
// CHECK-NOT: linalg.
// CHECK: vector.transfer_read %{{.*}} {permutation_map = #{{.*}}} : tensor<4x6xf32>, vector<6x4xf32>
// CHECK-NOT: linalg.
// CHECK: return
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

// -----

// CHECK-LABEL: func.func @contraction_family
// CHECK-NOT: linalg.
// CHECK: vector.multi_reduction <add>, %{{.*}} [2] : vector<4x5x3xf64> to vector<4x5xf64>
// CHECK-NOT: linalg.
// CHECK: vector.multi_reduction <add>, %{{.*}} [3] : vector<6x4x5x3xf64> to vector<6x4x5xf64>
// CHECK-NOT: linalg.
// CHECK: vector.multi_reduction <maximumf>, %{{.*}} [1] : vector<4x6xf64> to vector<4xf64>
// CHECK-NOT: linalg.
// CHECK: vector.multi_reduction <add>, %{{.*}} [1] : vector<4x6xf64> to vector<4xf64>
// CHECK-NOT: linalg.
// CHECK: arith.divf %{{.*}}, %{{.*}} : vector<4xf64>
// CHECK-NOT: linalg.
// CHECK: return
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

// -----

// CHECK-LABEL: func.func @source_family
// CHECK-NOT: linalg.
// CHECK: vector.step
// CHECK-NOT: linalg.
// CHECK: math.cos %{{.*}} : vector<3x4xf32>
// CHECK-NOT: linalg.
// CHECK: return
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

// -----

// CHECK-LABEL: func.func @conv_family
// CHECK: tensor.pad
// CHECK: scf.for
// CHECK: scf.for
// CHECK: vector.contract
// CHECK-NOT: linalg.conv
// CHECK: return
func.func @conv_family(%in: tensor<2x3x8x8xf32>, %f: tensor<4x3x3x3xf32>) -> tensor<2x4x4x4xf32> {
  %0 = loom.conv2d %in, %f strides = [2, 2] padding = [1, 1] : tensor<2x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<2x4x4x4xf32>
  return %0 : tensor<2x4x4x4xf32>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %conv = transform.structured.match ops{["linalg.conv_2d_nchw_fchw"]} in %root : (!transform.any_op) -> !transform.any_op
    %tiled, %loops:2 = transform.structured.tile_using_for %conv tile_sizes [0, 0, 1, 0, 0, 1, 0] : (!transform.any_op) -> (!transform.any_op, !transform.any_op, !transform.any_op)
    %conv1d = transform.structured.decompose %tiled : (!transform.any_op) -> !transform.any_op
    transform.structured.vectorize %conv1d : !transform.any_op
    transform.yield
  }
}
