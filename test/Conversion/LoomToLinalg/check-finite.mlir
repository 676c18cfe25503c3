// RUN: loom-opt %s -convert-loom-to-linalg -split-input-file -verify-diagnostics | FileCheck %s
// The lowered IR bufferizes and lowers to loops, the call staying in place.
// RUN: loom-opt %s -convert-loom-to-linalg -split-input-file -verify-diagnostics \
// RUN:   -one-shot-bufferize=bufferize-function-boundaries \
// RUN:   -convert-linalg-to-loops | FileCheck %s --check-prefix=LOOPS
// LOOPS-NOT: loom.
// LOOPS-NOT: linalg.

// A check is a reduction of the checked tensor to the smallest key
// (row-major index * 4 + kind of a non-finite element; INT64_MAX when all
// are finite), handed with the check's id to the runtime's reporter.
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1) -> ()>
// CHECK: func.func private @loomReportNonFinite(i64, i64)
// CHECK-LABEL: func.func @check
// CHECK-SAME: %[[X:.*]]: tensor<2x3xf32>
// CHECK: %[[MAX:.*]] = arith.constant 9223372036854775807 : i64
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[MAX]] : i64) outs(%{{.*}} : tensor<i64>)
// CHECK: %[[KEYS:.*]] = linalg.generic
// CHECK-SAME: indexing_maps = [#[[IN]], #[[OUT]]]
// CHECK-SAME: iterator_types = ["reduction", "reduction"]
// CHECK-SAME: ins(%[[X]] : tensor<2x3xf32>) outs(%[[INIT]] : tensor<i64>)
// CHECK: ^bb0(%[[V:.*]]: f32, %[[ACC:.*]]: i64):
// CHECK:   %[[I0:.*]] = linalg.index 0 : index
// CHECK:   %[[ROW:.*]] = arith.muli %[[I0]], %{{.*}} : index
// CHECK:   %[[I1:.*]] = linalg.index 1 : index
// CHECK:   %[[LIN:.*]] = arith.addi %[[ROW]], %[[I1]] : index
// CHECK:   %[[ABS:.*]] = math.absf %[[V]] : f32
// CHECK:   %[[BAD:.*]] = arith.cmpf uge, %[[ABS]], %{{.*}} : f32
// CHECK:   %[[NAN:.*]] = arith.cmpf uno, %[[V]], %[[V]] : f32
// CHECK:   %[[KEY:.*]] = arith.select %[[BAD]], %{{.*}}, %{{.*}} : i64
// CHECK:   %[[MIN:.*]] = arith.minsi %[[ACC]], %[[KEY]] : i64
// CHECK:   linalg.yield %[[MIN]] : i64
// CHECK: %[[FIRST:.*]] = tensor.extract %[[KEYS]][] : tensor<i64>
// CHECK: %[[ID:.*]] = arith.constant 7 : i64
// CHECK: call @loomReportNonFinite(%[[ID]], %[[FIRST]]) : (i64, i64) -> ()
// CHECK-NOT: loom.check_finite
// LOOPS-LABEL: func.func @check
// LOOPS: scf.for
// LOOPS: call @loomReportNonFinite
func.func @check(%x: tensor<2x3xf32>) {
  loom.check_finite %x id = 7 producer = "loom.log" : tensor<2x3xf32>
  return
}

// -----

// A rank-0 tensor: no loops, index 0.
// CHECK-LABEL: func.func @scalar
// CHECK: linalg.generic
// CHECK-SAME: iterator_types = []
// CHECK: arith.constant 0 : index
// CHECK: call @loomReportNonFinite
func.func @scalar(%x: tensor<f64>) {
  loom.check_finite %x id = 0 producer = "loom.reduce_sum" : tensor<f64>
  return
}

// -----

// The reporter's name is reserved.
// expected-error @+1 {{the symbol 'loomReportNonFinite' is reserved for the runtime's NaN/Inf checks}}
func.func @loomReportNonFinite(%x: tensor<4xf32>) {
  loom.check_finite %x id = 0 producer = "loom.exp" : tensor<4xf32>
  return
}
