// RUN: loom-opt %s -convert-loom-to-linalg -split-input-file | FileCheck %s
// The lowered IR bufferizes with Loom's policy (identity layouts at function
// boundaries): each operand is copied straight into its part of the bucket,
// with no temporary in between.
// RUN: loom-opt %s -convert-loom-to-linalg -split-input-file \
// RUN:   -loom-bufferize | FileCheck %s --check-prefix=BUFFERS

// An all-reduce copies its operands, one after another in row-major order,
// into one fresh 64-byte-aligned bucket, hands the bucket (unranked) to the
// runtime's all-reduce for the element type with the handle and the kind
// (sum = 0, mean = 1), and reads each result back as a view of its part.
// Both element types' functions are declared, once, as private externals.
// CHECK-DAG: func.func private @loomAllReduceF32(i64, i64, memref<*xf32>)
// CHECK-DAG: func.func private @loomAllReduceF64(i64, i64, memref<*xf64>)
// CHECK-NOT: func.func private @loomAllReduce
// CHECK-LABEL: func.func @bucket
// CHECK-SAME: %[[C:.*]]: tensor<i64>, %[[A:.*]]: tensor<4x8xf32>, %[[B:.*]]: tensor<8xf32>, %[[S:.*]]: tensor<f32>
// CHECK: %[[BUCKET:.*]] = memref.alloc() {alignment = 64 : i64} : memref<41xf32>
// CHECK: %[[PA:.*]] = memref.reinterpret_cast %[[BUCKET]] to offset: [0], sizes: [4, 8], strides: [8, 1] : memref<41xf32> to memref<4x8xf32, strided<[8, 1]>>
// CHECK: %[[BA:.*]] = bufferization.to_buffer %[[A]] read_only : tensor<4x8xf32> to memref<4x8xf32>
// CHECK: memref.copy %[[BA]], %[[PA]] : memref<4x8xf32> to memref<4x8xf32, strided<[8, 1]>>
// CHECK: %[[PB:.*]] = memref.reinterpret_cast %[[BUCKET]] to offset: [32], sizes: [8], strides: [1] : memref<41xf32> to memref<8xf32, strided<[1], offset: 32>>
// CHECK: %[[BB:.*]] = bufferization.to_buffer %[[B]] read_only : tensor<8xf32> to memref<8xf32>
// CHECK: memref.copy %[[BB]], %[[PB]] : memref<8xf32> to memref<8xf32, strided<[1], offset: 32>>
// CHECK: %[[PS:.*]] = memref.reinterpret_cast %[[BUCKET]] to offset: [40], sizes: [], strides: [] : memref<41xf32> to memref<f32, strided<[], offset: 40>>
// CHECK: %[[BS:.*]] = bufferization.to_buffer %[[S]] read_only : tensor<f32> to memref<f32>
// CHECK: memref.copy %[[BS]], %[[PS]] : memref<f32> to memref<f32, strided<[], offset: 40>>
// CHECK: %[[HANDLE:.*]] = tensor.extract %[[C]][] : tensor<i64>
// CHECK: %[[MEAN:.*]] = arith.constant 1 : i64
// CHECK: %[[UNRANKED:.*]] = memref.cast %[[BUCKET]] : memref<41xf32> to memref<*xf32>
// CHECK: call @loomAllReduceF32(%[[HANDLE]], %[[MEAN]], %[[UNRANKED]]) : (i64, i64, memref<*xf32>) -> ()
// CHECK: %[[RA:.*]] = bufferization.to_tensor %[[PA]] restrict writable : memref<4x8xf32, strided<[8, 1]>> to tensor<4x8xf32>
// CHECK: %[[RB:.*]] = bufferization.to_tensor %[[PB]] restrict writable : memref<8xf32, strided<[1], offset: 32>> to tensor<8xf32>
// CHECK: %[[RS:.*]] = bufferization.to_tensor %[[PS]] restrict writable : memref<f32, strided<[], offset: 40>> to tensor<f32>
// CHECK: return %[[RA]], %[[RB]], %[[RS]] : tensor<4x8xf32>, tensor<8xf32>, tensor<f32>
// CHECK-NOT: loom.all_reduce
// BUFFERS-LABEL: func.func @bucket
// BUFFERS-SAME: %{{.*}}: memref<i64>, %[[A:.*]]: memref<4x8xf32>, %[[B:.*]]: memref<8xf32>, %[[S:.*]]: memref<f32>
// BUFFERS-NEXT: %[[BUCKET:.*]] = memref.alloc() {alignment = 64 : i64} : memref<41xf32>
// BUFFERS-NEXT: %[[PA:.*]] = memref.reinterpret_cast %[[BUCKET]] to offset: [0]
// BUFFERS-NEXT: memref.copy %[[A]], %[[PA]]
// BUFFERS-NEXT: %[[PB:.*]] = memref.reinterpret_cast %[[BUCKET]] to offset: [32]
// BUFFERS-NEXT: memref.copy %[[B]], %[[PB]]
// BUFFERS-NEXT: %[[PS:.*]] = memref.reinterpret_cast %[[BUCKET]] to offset: [40]
// BUFFERS-NEXT: memref.copy %[[S]], %[[PS]]
// BUFFERS: %[[UNRANKED:.*]] = memref.cast %[[BUCKET]] : memref<41xf32> to memref<*xf32>
// BUFFERS: call @loomAllReduceF32(%{{.*}}, %{{.*}}, %[[UNRANKED]])
// BUFFERS-NOT: bufferization.to_tensor
// BUFFERS: return
func.func @bucket(%c: tensor<i64>, %a: tensor<4x8xf32>, %b: tensor<8xf32>, %s: tensor<f32>)
    -> (tensor<4x8xf32>, tensor<8xf32>, tensor<f32>) {
  %g:3 = loom.all_reduce mean %c, %a, %b, %s : tensor<i64>, tensor<4x8xf32>, tensor<8xf32>, tensor<f32>
  return %g#0, %g#1, %g#2 : tensor<4x8xf32>, tensor<8xf32>, tensor<f32>
}

// -----

// f64 calls the f64 function; the kind of a sum is 0. A declaration the
// module already has, of the right type, is kept and not repeated.
// CHECK: func.func private @loomAllReduceF64(i64, i64, memref<*xf64>)
// CHECK-NOT: func.func private @loomAllReduceF64
// CHECK-LABEL: func.func @sum_f64
// CHECK: %[[HANDLE:.*]] = arith.constant dense<0> : tensor<i64>
// CHECK: %[[BUCKET:.*]] = memref.alloc() {alignment = 64 : i64} : memref<6xf64>
// CHECK: memref.reinterpret_cast %[[BUCKET]] to offset: [0], sizes: [2, 3], strides: [3, 1] : memref<6xf64> to memref<2x3xf64, strided<[3, 1]>>
// CHECK: memref.copy
// CHECK: %[[H:.*]] = tensor.extract %[[HANDLE]][] : tensor<i64>
// CHECK: %[[SUM:.*]] = arith.constant 0 : i64
// CHECK: %[[UNRANKED:.*]] = memref.cast %[[BUCKET]] : memref<6xf64> to memref<*xf64>
// CHECK: call @loomAllReduceF64(%[[H]], %[[SUM]], %[[UNRANKED]]) : (i64, i64, memref<*xf64>) -> ()
// CHECK: bufferization.to_tensor %{{.*}} restrict writable : memref<2x3xf64, strided<[3, 1]>> to tensor<2x3xf64>
func.func private @loomAllReduceF64(i64, i64, memref<*xf64>)
func.func @sum_f64(%x: tensor<2x3xf64>) -> tensor<2x3xf64> {
  %c = loom.constant dense<0> : tensor<i64>
  %g = loom.all_reduce sum %c, %x : tensor<i64>, tensor<2x3xf64>
  return %g : tensor<2x3xf64>
}
