// RUN: loom-opt %s | loom-opt | FileCheck %s
// RUN: loom-opt %s -mlir-print-op-generic | loom-opt | FileCheck %s
// RUN: loom-opt %s -mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: loom-opt %s -canonicalize -cse | FileCheck %s --check-prefix=KEPT

// One bucket of operands of different shapes (a rank-0 one among them); the
// result types are the operands' types, in order.
// CHECK-LABEL: func.func @bucket
// CHECK-SAME: %[[C:.*]]: tensor<i64>, %[[A:.*]]: tensor<4x8xf32>, %[[B:.*]]: tensor<8xf32>, %[[S:.*]]: tensor<f32>
// CHECK: %[[G:.*]]:3 = loom.all_reduce mean %[[C]], %[[A]], %[[B]], %[[S]] : tensor<i64>, tensor<4x8xf32>, tensor<8xf32>, tensor<f32>
// CHECK: return %[[G]]#0, %[[G]]#1, %[[G]]#2
// GENERIC-LABEL: sym_name = "bucket"
// GENERIC: "loom.all_reduce"(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) <{kind = 1 : i32}> : (tensor<i64>, tensor<4x8xf32>, tensor<8xf32>, tensor<f32>) -> (tensor<4x8xf32>, tensor<8xf32>, tensor<f32>)
func.func @bucket(%c: tensor<i64>, %a: tensor<4x8xf32>, %b: tensor<8xf32>, %s: tensor<f32>)
    -> (tensor<4x8xf32>, tensor<8xf32>, tensor<f32>) {
  %g:3 = loom.all_reduce mean %c, %a, %b, %s : tensor<i64>, tensor<4x8xf32>, tensor<8xf32>, tensor<f32>
  return %g#0, %g#1, %g#2 : tensor<4x8xf32>, tensor<8xf32>, tensor<f32>
}

// One f64 operand, summed, with the handle from a constant.
// CHECK-LABEL: func.func @sum_f64
// CHECK: %[[C:.*]] = loom.constant dense<0> : tensor<i64>
// CHECK: %[[G:.*]] = loom.all_reduce sum %[[C]], %{{.*}} : tensor<i64>, tensor<2x3xf64>
// CHECK: return %[[G]] : tensor<2x3xf64>
// GENERIC-LABEL: sym_name = "sum_f64"
// GENERIC: "loom.all_reduce"(%{{.*}}, %{{.*}}) <{kind = 0 : i32}> : (tensor<i64>, tensor<2x3xf64>) -> tensor<2x3xf64>
func.func @sum_f64(%x: tensor<2x3xf64>) -> tensor<2x3xf64> {
  %c = loom.constant dense<0> : tensor<i64>
  %g = loom.all_reduce sum %c, %x : tensor<i64>, tensor<2x3xf64>
  return %g : tensor<2x3xf64>
}

// The op communicates, so neither -canonicalize nor -cse removes it: an
// all-reduce whose results are unused stays, and two identical ones stay two
// (every rank must run the same collectives, in the same order).
// KEPT-LABEL: func.func @kept
// KEPT-COUNT-3: loom.all_reduce sum
// KEPT-NOT: loom.all_reduce
// KEPT: return
func.func @kept(%c: tensor<i64>, %x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %unused = loom.all_reduce sum %c, %x : tensor<i64>, tensor<4xf32>
  %0 = loom.all_reduce sum %c, %x : tensor<i64>, tensor<4xf32>
  %1 = loom.all_reduce sum %c, %x : tensor<i64>, tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}
