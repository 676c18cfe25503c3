// RUN: loom-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(loom-update-tied-in-place))' | FileCheck %s

// SGD's update reads the parameter with the map it writes it with: it is
// computed in the parameter's tensor, reading the old value from its init.

// CHECK-LABEL: func.func @sgd
// CHECK-SAME: (%[[P:[^:]*]]: memref<8xf32>, %[[G:[^:]*]]: tensor<8xf32>
// CHECK: %[[PT:.*]] = bufferization.to_tensor %[[P]] restrict writable
// CHECK: linalg.generic {{.*}} ins(%[[PT]], %[[G]] : tensor<8xf32>, tensor<8xf32>) outs(%[[PT]] : tensor<8xf32>)
// CHECK-NEXT: ^bb0(%{{.*}}: f32, %[[GRAD:.*]]: f32, %[[OLD:.*]]: f32):
// CHECK-NEXT: arith.mulf %[[GRAD]]
// CHECK-NEXT: arith.subf %[[OLD]]
#id = affine_map<(d0) -> (d0)>
func.func @sgd(%p: memref<8xf32>, %g: tensor<8xf32> {bufferization.writable = false}) {
  %pt = bufferization.to_tensor %p restrict writable : memref<8xf32> to tensor<8xf32>
  %lr = arith.constant 0.1 : f32
  %empty = tensor.empty() : tensor<8xf32>
  %new = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%pt, %g : tensor<8xf32>, tensor<8xf32>) outs(%empty : tensor<8xf32>) {
  ^bb0(%w: f32, %d: f32, %o: f32):
    %step = arith.mulf %d, %lr : f32
    %w1 = arith.subf %w, %step : f32
    linalg.yield %w1 : f32
  } -> tensor<8xf32>
  bufferization.materialize_in_destination %new in writable %p : (tensor<8xf32>, memref<8xf32>) -> ()
  return
}

// -----

// Reading the parameter transposed is not the same element per iteration:
// the update keeps its own init.

// CHECK-LABEL: func.func @transposed_read
// CHECK: %[[EMPTY:.*]] = tensor.empty()
// CHECK: linalg.generic {{.*}} outs(%[[EMPTY]] : tensor<4x4xf32>)
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#t2 = affine_map<(d0, d1) -> (d1, d0)>
func.func @transposed_read(%p: memref<4x4xf32>) {
  %pt = bufferization.to_tensor %p restrict writable : memref<4x4xf32> to tensor<4x4xf32>
  %empty = tensor.empty() : tensor<4x4xf32>
  %new = linalg.generic {indexing_maps = [#t2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%pt : tensor<4x4xf32>) outs(%empty : tensor<4x4xf32>) {
  ^bb0(%w: f32, %o: f32):
    linalg.yield %w : f32
  } -> tensor<4x4xf32>
  bufferization.materialize_in_destination %new in writable %p : (tensor<4x4xf32>, memref<4x4xf32>) -> ()
  return
}

// -----

// An untied result (a `restrict` out-parameter) is left to
// loom-eliminate-empty-tensors.

// CHECK-LABEL: func.func @untied
// CHECK: %[[EMPTY:.*]] = tensor.empty()
// CHECK: linalg.generic {{.*}} outs(%[[EMPTY]] : tensor<8xf32>)
#id3 = affine_map<(d0) -> (d0)>
func.func @untied(%p: memref<8xf32>, %out: memref<8xf32>) {
  %pt = bufferization.to_tensor %p restrict writable : memref<8xf32> to tensor<8xf32>
  %empty = tensor.empty() : tensor<8xf32>
  %new = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel"]}
      ins(%pt : tensor<8xf32>) outs(%empty : tensor<8xf32>) {
  ^bb0(%w: f32, %o: f32):
    %n = arith.negf %w : f32
    linalg.yield %n : f32
  } -> tensor<8xf32>
  bufferization.materialize_in_destination %new in restrict writable %out : (tensor<8xf32>, memref<8xf32>) -> ()
  return
}
