// RUN: loom-opt %s -convert-loom-to-linalg -split-input-file -verify-diagnostics | FileCheck %s
// The lowered IR bufferizes without a copy: the buffer is only read.
// RUN: loom-opt %s -convert-loom-to-linalg -split-input-file -verify-diagnostics \
// RUN:   -one-shot-bufferize=bufferize-function-boundaries | FileCheck %s --check-prefix=BUFFERS

// A check hands its id and the checked buffer, read only and unranked, to
// the runtime's checker for the element type; both checkers are declared.
// CHECK-DAG: func.func private @loomCheckFiniteF32(i64, memref<*xf32>)
// CHECK-DAG: func.func private @loomCheckFiniteF64(i64, memref<*xf64>)
// CHECK-LABEL: func.func @check
// CHECK-SAME: %[[X:.*]]: tensor<2x3xf32>, %[[Y:.*]]: tensor<f64>
// CHECK: %[[BUF:.*]] = bufferization.to_buffer %[[X]] read_only : tensor<2x3xf32> to memref<2x3xf32, strided<[?, ?], offset: ?>>
// CHECK: %[[CAST:.*]] = memref.cast %[[BUF]] : memref<2x3xf32, strided<[?, ?], offset: ?>> to memref<*xf32>
// CHECK: %[[ID:.*]] = arith.constant 7 : i64
// CHECK: call @loomCheckFiniteF32(%[[ID]], %[[CAST]]) : (i64, memref<*xf32>) -> ()
// CHECK: %[[BUF64:.*]] = bufferization.to_buffer %[[Y]] read_only : tensor<f64> to memref<f64, strided<[], offset: ?>>
// CHECK: %[[CAST64:.*]] = memref.cast %[[BUF64]]
// CHECK: %[[ID8:.*]] = arith.constant 8 : i64
// CHECK: call @loomCheckFiniteF64(%[[ID8]], %[[CAST64]]) : (i64, memref<*xf64>) -> ()
// CHECK-NOT: loom.check_finite
// BUFFERS-LABEL: func.func @check
// BUFFERS-SAME: %[[X:.*]]: memref<2x3xf32, strided<[?, ?], offset: ?>>
// BUFFERS-NOT: memref.copy
// BUFFERS: %[[CAST:.*]] = memref.cast %[[X]] {{.*}} to memref<*xf32>
// BUFFERS: call @loomCheckFiniteF32(%{{.*}}, %[[CAST]])
func.func @check(%x: tensor<2x3xf32>, %y: tensor<f64>) {
  loom.check_finite %x id = 7 producer = "loom.log" : tensor<2x3xf32>
  loom.check_finite %y id = 8 producer = "loom.reduce_sum" : tensor<f64>
  return
}

// -----

// The checkers' names are reserved.
// expected-error @+1 {{the symbol 'loomCheckFiniteF32' is reserved for the runtime's NaN/Inf checks}}
func.func @loomCheckFiniteF32(%x: tensor<4xf32>) {
  loom.check_finite %x id = 0 producer = "loom.exp" : tensor<4xf32>
  return
}
