// RUN: loom-opt %s -loom-jvp -canonicalize -cse | FileCheck %s

// The tangent of an all-reduce is the same all-reduce, on the same
// communicator, of the operands' tangents; an operand that does not vary
// (%z) contributes its zero tangent to the bucket.
// CHECK-LABEL: func.func @mean_jvp(
// CHECK-SAME: %[[X:.*]]: tensor<4xf64> {loom.differentiate}, %[[Z:.*]]: tensor<4xf64>, %[[D:.*]]: tensor<4xf64>, %[[TX:.*]]: tensor<4xf64>)
// CHECK-DAG: %[[ZERO:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf64>
// CHECK-DAG: %[[C:.*]] = loom.constant dense<0> : tensor<i64>
// CHECK: %[[G:.*]]:2 = loom.all_reduce mean %[[C]], %[[Z]], %[[X]] : tensor<i64>, tensor<4xf64>, tensor<4xf64>
// CHECK: %[[T:.*]]:2 = loom.all_reduce mean %[[C]], %[[ZERO]], %[[TX]] : tensor<i64>, tensor<4xf64>, tensor<4xf64>
// CHECK: loom.mul %[[G]]#0, %[[T]]#1
// CHECK: loom.mul %[[T]]#0, %[[G]]#1
func.func @mean(%x: tensor<4xf64> {loom.differentiate}, %z: tensor<4xf64>, %d: tensor<4xf64>) -> tensor<f64> {
  %c = loom.constant dense<0> : tensor<i64>
  %g:2 = loom.all_reduce mean %c, %z, %x : tensor<i64>, tensor<4xf64>, tensor<4xf64>
  %p = loom.mul %g#0, %g#1 : tensor<4xf64>
  %w = loom.mul %p, %d : tensor<4xf64>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf64> -> tensor<f64>
  return %l : tensor<f64>
}

// CHECK-LABEL: func.func @sum_jvp(
// CHECK-SAME: %[[C:.*]]: tensor<i64>, %[[X:.*]]: tensor<4xf32> {loom.differentiate}, %{{.*}}: tensor<4xf32>, %[[TX:.*]]: tensor<4xf32>)
// CHECK: loom.all_reduce sum %[[C]], %[[X]] : tensor<i64>, tensor<4xf32>
// CHECK: loom.all_reduce sum %[[C]], %[[TX]] : tensor<i64>, tensor<4xf32>
func.func @sum(%c: tensor<i64>, %x: tensor<4xf32> {loom.differentiate}, %d: tensor<4xf32>) -> tensor<f32> {
  %g = loom.all_reduce sum %c, %x : tensor<i64>, tensor<4xf32>
  %w = loom.mul %g, %d : tensor<4xf32>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l : tensor<f32>
}
