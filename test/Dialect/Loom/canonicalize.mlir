// RUN: loom-opt %s -canonicalize -split-input-file | FileCheck %s

// CHECK-LABEL: func.func @fold_constants
func.func @fold_constants() -> tensor<2xf32> {
  // CHECK: %[[C:.*]] = loom.constant dense<[5.000000e+00, 6.000000e+00]> : tensor<2xf32>
  // CHECK-NEXT: return %[[C]]
  %a = loom.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %b = loom.constant dense<[3.0, 4.0]> : tensor<2xf32>
  %0 = loom.add %a, %b : tensor<2xf32>
  %1 = loom.mul %0, %b : tensor<2xf32>
  %2 = loom.sub %1, %b : tensor<2xf32>
  %3 = loom.div %2, %b : tensor<2xf32>
  %4 = loom.neg %3 : tensor<2xf32>
  %5 = loom.neg %4 : tensor<2xf32>
  %6 = loom.max %5, %a : tensor<2xf32>
  %7 = loom.min %6, %b : tensor<2xf32>
  %8 = loom.add %7, %7 : tensor<2xf32>
  %9 = loom.sub %8, %a : tensor<2xf32>
  return %9 : tensor<2xf32>
}

// -----

// CHECK-LABEL: func.func @identities
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
func.func @identities(%x: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK-NEXT: return %[[X]]
  %zero = loom.constant dense<0.0> : tensor<4xf32>
  %negzero = loom.constant dense<-0.0> : tensor<4xf32>
  %one = loom.constant dense<1.0> : tensor<4xf32>
  %0 = loom.add %x, %negzero : tensor<4xf32>
  %1 = loom.add %negzero, %0 : tensor<4xf32>
  %2 = loom.sub %1, %zero : tensor<4xf32>
  %3 = loom.mul %2, %one : tensor<4xf32>
  %4 = loom.mul %one, %3 : tensor<4xf32>
  %5 = loom.div %4, %one : tensor<4xf32>
  %6 = loom.neg %5 : tensor<4xf32>
  %7 = loom.neg %6 : tensor<4xf32>
  %8 = loom.max %7, %7 : tensor<4xf32>
  %9 = loom.min %8, %8 : tensor<4xf32>
  return %9 : tensor<4xf32>
}

// -----

// x + (+0.0) is +0.0 for x = -0.0, and x - (-0.0) too: neither folds to x.

// CHECK-LABEL: func.func @no_fold_signed_zero
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
func.func @no_fold_signed_zero(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  // CHECK-DAG: %[[ZERO:.*]] = loom.constant dense<0.000000e+00>
  // CHECK-DAG: %[[NEGZERO:.*]] = loom.constant dense<-0.000000e+00>
  // CHECK: %[[A:.*]] = loom.add %[[X]], %[[ZERO]]
  // CHECK: %[[B:.*]] = loom.add %[[X]], %[[ZERO]]
  // CHECK: %[[C:.*]] = loom.sub %[[X]], %[[NEGZERO]]
  // CHECK: return %[[A]], %[[B]], %[[C]]
  %zero = loom.constant dense<0.0> : tensor<4xf32>
  %negzero = loom.constant dense<-0.0> : tensor<4xf32>
  %0 = loom.add %x, %zero : tensor<4xf32>
  %1 = loom.add %zero, %x : tensor<4xf32>
  %2 = loom.sub %x, %negzero : tensor<4xf32>
  return %0, %1, %2 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @no_fold_non_identity
func.func @no_fold_non_identity(%x: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: loom.sub
  // CHECK: loom.mul
  %zero = loom.constant dense<0.0> : tensor<4xf32>
  %two = loom.constant dense<2.0> : tensor<4xf32>
  %0 = loom.sub %zero, %x : tensor<4xf32>
  %1 = loom.mul %0, %two : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @shape_noops
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>
func.func @shape_noops(%x: tensor<2x3xf32>, %c: tensor<2x3xi1>) -> tensor<2x3xf32> {
  // CHECK-NEXT: return %[[X]]
  %0 = loom.broadcast_in_dim %x dims = [0, 1] : tensor<2x3xf32> -> tensor<2x3xf32>
  %1 = loom.reshape %0 : tensor<2x3xf32> -> tensor<2x3xf32>
  %2 = loom.transpose %1 perm = [0, 1] : tensor<2x3xf32> -> tensor<2x3xf32>
  %3 = loom.slice %2 start = [0, 0] limit = [2, 3] strides = [1, 1] : tensor<2x3xf32> -> tensor<2x3xf32>
  %4 = loom.concat %3 axis = 1 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %5 = loom.convert %4 : tensor<2x3xf32> -> tensor<2x3xf32>
  %6 = loom.select %c, %5, %5 : tensor<2x3xi1>, tensor<2x3xf32>
  return %6 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_chain
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
func.func @reshape_chain(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // CHECK-NEXT: %[[R:.*]] = loom.reshape %[[X]] : tensor<2x3xf32> -> tensor<3x2xf32>
  // CHECK-NEXT: return %[[R]]
  %0 = loom.reshape %x : tensor<2x3xf32> -> tensor<6xf32>
  %1 = loom.reshape %0 : tensor<6xf32> -> tensor<3x2xf32>
  return %1 : tensor<3x2xf32>
}

// -----

// CHECK-LABEL: func.func @constant_shapes
func.func @constant_shapes(%x: tensor<2x3xf32>, %y: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<3x2xf32>, tensor<2x3xf32>) {
  // CHECK-DAG: %[[B:.*]] = loom.constant dense<5.000000e-01> : tensor<2x3xf32>
  // CHECK-DAG: %[[R:.*]] = loom.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00], [3.000000e+00, 4.000000e+00], [5.000000e+00, 6.000000e+00]]> : tensor<3x2xf32>
  // CHECK: return %[[B]], %[[R]], %{{.*}}
  %s = loom.constant dense<0.5> : tensor<3xf32>
  %0 = loom.broadcast_in_dim %s dims = [1] : tensor<3xf32> -> tensor<2x3xf32>
  %c = loom.constant dense<[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]> : tensor<6xf32>
  %1 = loom.reshape %c : tensor<6xf32> -> tensor<3x2xf32>
  %t = loom.constant dense<true> : tensor<2x3xi1>
  // CHECK-NOT: loom.select
  %2 = loom.select %t, %x, %y : tensor<2x3xi1>, tensor<2x3xf32>
  return %0, %1, %2 : tensor<2x3xf32>, tensor<3x2xf32>, tensor<2x3xf32>
}

// -----

// A weight shared over the batch: one 2-D product of all rows.
// CHECK-LABEL: func.func @matmul_shared_weight
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>, %[[W:.*]]: tensor<4x5xf32>)
func.func @matmul_shared_weight(%x: tensor<2x3x4xf32>, %w: tensor<4x5xf32>) -> tensor<2x3x5xf32> {
  // CHECK-NEXT: %[[ROWS:.*]] = loom.reshape %[[X]] : tensor<2x3x4xf32> -> tensor<6x4xf32>
  // CHECK-NEXT: %[[P:.*]] = loom.matmul %[[ROWS]], %[[W]] : tensor<6x4xf32>, tensor<4x5xf32> -> tensor<6x5xf32>
  // CHECK-NEXT: %[[Y:.*]] = loom.reshape %[[P]] : tensor<6x5xf32> -> tensor<2x3x5xf32>
  // CHECK-NEXT: return %[[Y]]
  %b = loom.broadcast_in_dim %w dims = [1, 2] : tensor<4x5xf32> -> tensor<2x4x5xf32>
  %0 = loom.matmul %x, %b : tensor<2x3x4xf32>, tensor<2x4x5xf32> -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

// -----

// Each batch has its own weight: the product stays batched.
// CHECK-LABEL: func.func @matmul_batched_weight
func.func @matmul_batched_weight(%x: tensor<2x3x4xf32>, %w: tensor<2x4x5xf32>) -> tensor<2x3x5xf32> {
  // CHECK-NEXT: loom.matmul %{{.*}}, %{{.*}} : tensor<2x3x4xf32>, tensor<2x4x5xf32> -> tensor<2x3x5xf32>
  // CHECK-NOT: loom.reshape
  %0 = loom.matmul %x, %w : tensor<2x3x4xf32>, tensor<2x4x5xf32> -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

// -----

// The broadcast also expands the weight's own size-1 dimension: a broadcast
// over more than the batch, which the fold must leave alone.
// CHECK-LABEL: func.func @matmul_expanded_weight
func.func @matmul_expanded_weight(%x: tensor<2x3x4xf32>, %w: tensor<1x5xf32>) -> tensor<2x3x5xf32> {
  // CHECK-NEXT: %[[B:.*]] = loom.broadcast_in_dim
  // CHECK-NEXT: loom.matmul %{{.*}}, %[[B]] : tensor<2x3x4xf32>, tensor<2x4x5xf32> -> tensor<2x3x5xf32>
  // CHECK-NOT: loom.reshape
  %b = loom.broadcast_in_dim %w dims = [1, 2] : tensor<1x5xf32> -> tensor<2x4x5xf32>
  %0 = loom.matmul %x, %b : tensor<2x3x4xf32>, tensor<2x4x5xf32> -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}
