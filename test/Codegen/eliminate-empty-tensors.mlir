// RUN: loom-opt %s -split-input-file -loom-eliminate-empty-tensors | FileCheck %s
// RUN: loom-opt %s -split-input-file -loom-eliminate-empty-tensors -loom-bufferize -canonicalize -cse \
// RUN:   | FileCheck %s --check-prefix=BUF

// Two reductions whose inits CSE merged into one fill: each gets its own fill,
// written in its own out-parameter. (Upstream's -eliminate-empty-tensors put
// the shared fill in %out0, and the final copy of the first sum overwrote
// the second.)

// CHECK-LABEL: func.func @shared_fill
// CHECK-SAME: %[[OUT0:[^:]*]]: memref<f32>, %[[OUT1:[^:]*]]: memref<f32>)
// CHECK-DAG: %[[T0:.*]] = bufferization.to_tensor %[[OUT0]] restrict writable
// CHECK-DAG: %[[T1:.*]] = bufferization.to_tensor %[[OUT1]] restrict writable
// CHECK-DAG: %[[F0:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[T0]] : tensor<f32>)
// CHECK-DAG: %[[F1:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[T1]] : tensor<f32>)
// CHECK-NOT: tensor.empty
// CHECK: %[[R0:.*]] = linalg.reduce ins(%{{.*}} : tensor<4x2xf32>) outs(%[[F0]] : tensor<f32>)
// CHECK: %[[R1:.*]] = linalg.reduce ins(%{{.*}} : tensor<4x2xf32>) outs(%[[F1]] : tensor<f32>)
// CHECK: bufferization.materialize_in_destination %[[R0]] in writable %[[OUT0]]
// CHECK: bufferization.materialize_in_destination %[[R1]] in writable %[[OUT1]]

// BUF-LABEL: func.func @shared_fill
// BUF-SAME: (%[[A:[^:]*]]: memref<4x2xf32>, %[[B:[^:]*]]: memref<4x2xf32>, %[[OUT0:[^:]*]]: memref<f32>, %[[OUT1:[^:]*]]: memref<f32>)
// BUF-NOT: memref.alloc
// BUF-NOT: copy
// BUF: linalg.reduce ins(%[[A]] : memref<4x2xf32>) outs(%[[OUT0]] : memref<f32>)
// BUF: linalg.reduce ins(%[[B]] : memref<4x2xf32>) outs(%[[OUT1]] : memref<f32>)
// BUF-NEXT: (
// BUF-NOT: copy
// BUF: return
func.func @shared_fill(%a: tensor<4x2xf32> {bufferization.writable = false},
                       %b: tensor<4x2xf32> {bufferization.writable = false},
                       %out0: memref<f32>, %out1: memref<f32>) {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<f32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<f32>) -> tensor<f32>
  %r0 = linalg.reduce ins(%a : tensor<4x2xf32>) outs(%init : tensor<f32>) dimensions = [0, 1]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  %r1 = linalg.reduce ins(%b : tensor<4x2xf32>) outs(%init : tensor<f32>) dimensions = [0, 1]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  bufferization.materialize_in_destination %r0 in restrict writable %out0 : (tensor<f32>, memref<f32>) -> ()
  bufferization.materialize_in_destination %r1 in restrict writable %out1 : (tensor<f32>, memref<f32>) -> ()
  return
}

// -----

// Two reductions share an init that is not a fill, so no clone separates
// them. Replacing its empty tensor with %out0 would leave the second
// reduction in %out0's buffer; the check undoes the replacement and both
// results are computed apart and copied. (Upstream's pass returns the sum
// as the maximum.)

// CHECK-LABEL: func.func @shared_init
// CHECK-NOT: bufferization.to_tensor
// CHECK: bufferization.materialize_in_destination %{{.*}} in restrict writable
// CHECK: bufferization.materialize_in_destination %{{.*}} in restrict writable

// BUF-LABEL: func.func @shared_init
// BUF-SAME: %[[OUT0:[^:]*]]: memref<f32>, %[[OUT1:[^:]*]]: memref<f32>)
// BUF: %[[INIT:.*]] = memref.alloc()
// BUF: %[[SUM:.*]] = memref.alloc()
// BUF: linalg.copy ins(%[[INIT]] : memref<f32>) outs(%[[SUM]] : memref<f32>)
// BUF: linalg.reduce {{.*}} outs(%[[SUM]] : memref<f32>)
// BUF: arith.addf
// BUF: linalg.reduce {{.*}} outs(%[[INIT]] : memref<f32>)
// BUF: arith.maximumf
// BUF: linalg.copy ins(%[[SUM]] : memref<f32>) outs(%[[OUT0]] : memref<f32>)
// BUF: linalg.copy ins(%[[INIT]] : memref<f32>) outs(%[[OUT1]] : memref<f32>)
#id = affine_map<(d0) -> (d0)>
#sum = affine_map<(d0) -> ()>
func.func @shared_init(%a: tensor<8xf32> {bufferization.writable = false},
                       %c: tensor<f32> {bufferization.writable = false},
                       %out0: memref<f32>, %out1: memref<f32>) {
  %empty = tensor.empty() : tensor<f32>
  %init = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []}
      ins(%c : tensor<f32>) outs(%empty : tensor<f32>) {
  ^bb0(%x: f32, %o: f32):
    %e = math.exp %x : f32
    linalg.yield %e : f32
  } -> tensor<f32>
  %r0 = linalg.reduce ins(%a : tensor<8xf32>) outs(%init : tensor<f32>) dimensions = [0]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  %r1 = linalg.reduce ins(%a : tensor<8xf32>) outs(%init : tensor<f32>) dimensions = [0]
    (%in: f32, %acc: f32) {
      %s = arith.maximumf %in, %acc : f32
      linalg.yield %s : f32
    }
  bufferization.materialize_in_destination %r0 in restrict writable %out0 : (tensor<f32>, memref<f32>) -> ()
  bufferization.materialize_in_destination %r1 in restrict writable %out1 : (tensor<f32>, memref<f32>) -> ()
  return
}


// -----

// A tied result is computed in its argument's existing tensor: one
// to_tensor of %p, updated in place.

// CHECK-LABEL: func.func @tied_in_place
// CHECK-SAME: (%[[P:[^:]*]]: memref<8xf32>
// CHECK: %[[PT:.*]] = bufferization.to_tensor %[[P]] restrict writable
// CHECK-NOT: bufferization.to_tensor
// CHECK: %[[NEW:.*]] = linalg.generic {{.*}} ins(%[[PT]], %{{.*}} : tensor<8xf32>, tensor<8xf32>) outs(%[[PT]] : tensor<8xf32>)
// CHECK: bufferization.materialize_in_destination %[[NEW]] in writable %[[P]]

// BUF-LABEL: func.func @tied_in_place
// BUF-SAME: (%[[P:[^:]*]]: memref<8xf32>, %[[G:[^:]*]]: memref<8xf32>)
// BUF-NEXT: linalg.generic {{.*}} ins(%[[P]], %[[G]] : memref<8xf32>, memref<8xf32>) outs(%[[P]] : memref<8xf32>)
// BUF-NOT: copy
// BUF: return
#id = affine_map<(d0) -> (d0)>
func.func @tied_in_place(%p: memref<8xf32>, %g: tensor<8xf32> {bufferization.writable = false}) {
  %pt = bufferization.to_tensor %p restrict writable : memref<8xf32> to tensor<8xf32>
  %empty = tensor.empty() : tensor<8xf32>
  %new = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%pt, %g : tensor<8xf32>, tensor<8xf32>) outs(%empty : tensor<8xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %d = arith.subf %x, %y : f32
    linalg.yield %d : f32
  } -> tensor<8xf32>
  bufferization.materialize_in_destination %new in writable %p : (tensor<8xf32>, memref<8xf32>) -> ()
  return
}

// -----

// The old value of a tied argument is also a result: the update cannot be
// in place, so it goes to a temporary and the old value is copied out first.

// CHECK-LABEL: func.func @tied_old_value_returned
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<8xf32>)

// BUF-LABEL: func.func @tied_old_value_returned
// BUF-SAME: (%[[P:[^:]*]]: memref<8xf32>, %[[G:[^:]*]]: memref<8xf32>, %[[OUT0:[^:]*]]: memref<8xf32>)
// BUF: %[[NEW:.*]] = memref.alloc()
// BUF: linalg.generic {{.*}} ins(%[[P]], %[[G]] : memref<8xf32>, memref<8xf32>) outs(%[[NEW]] : memref<8xf32>)
// BUF: linalg.copy ins(%[[P]] : memref<8xf32>) outs(%[[OUT0]] : memref<8xf32>)
// BUF-NEXT: linalg.copy ins(%[[NEW]] : memref<8xf32>) outs(%[[P]] : memref<8xf32>)
#id = affine_map<(d0) -> (d0)>
func.func @tied_old_value_returned(%p: memref<8xf32>, %g: tensor<8xf32> {bufferization.writable = false}, %out0: memref<8xf32>) {
  %pt = bufferization.to_tensor %p restrict writable : memref<8xf32> to tensor<8xf32>
  %empty = tensor.empty() : tensor<8xf32>
  %new = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%pt, %g : tensor<8xf32>, tensor<8xf32>) outs(%empty : tensor<8xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %d = arith.subf %x, %y : f32
    linalg.yield %d : f32
  } -> tensor<8xf32>
  bufferization.materialize_in_destination %pt in restrict writable %out0 : (tensor<8xf32>, memref<8xf32>) -> ()
  bufferization.materialize_in_destination %new in writable %p : (tensor<8xf32>, memref<8xf32>) -> ()
  return
}

// -----

// Two tied arguments swapped: the second result reads %p's old value from a
// copy taken before the first result overwrites %p.

// CHECK-LABEL: func.func @tied_swap
// CHECK-SAME: (%[[P:[^:]*]]: memref<8xf32>, %[[Q:[^:]*]]: memref<8xf32>)
// CHECK: %[[PT:.*]] = bufferization.to_tensor %[[P]]
// CHECK: %[[QT:.*]] = bufferization.to_tensor %[[Q]]
// CHECK: %[[OLD:.*]] = bufferization.alloc_tensor() copy(%[[PT]])
// CHECK: bufferization.materialize_in_destination %[[QT]] in writable %[[P]]
// CHECK: bufferization.materialize_in_destination %[[OLD]] in writable %[[Q]]

// BUF-LABEL: func.func @tied_swap
// BUF-SAME: (%[[P:[^:]*]]: memref<8xf32>, %[[Q:[^:]*]]: memref<8xf32>)
// BUF: %[[OLD:.*]] = memref.alloc()
// BUF: linalg.copy ins(%[[P]] : memref<8xf32>) outs(%[[OLD]] : memref<8xf32>)
// BUF: linalg.copy ins(%[[Q]] : memref<8xf32>) outs(%[[P]] : memref<8xf32>)
// BUF: linalg.copy ins(%[[OLD]] : memref<8xf32>) outs(%[[Q]] : memref<8xf32>)
func.func @tied_swap(%p: memref<8xf32>, %q: memref<8xf32>) {
  %pt = bufferization.to_tensor %p restrict writable : memref<8xf32> to tensor<8xf32>
  %qt = bufferization.to_tensor %q restrict writable : memref<8xf32> to tensor<8xf32>
  bufferization.materialize_in_destination %qt in writable %p : (tensor<8xf32>, memref<8xf32>) -> ()
  bufferization.materialize_in_destination %pt in writable %q : (tensor<8xf32>, memref<8xf32>) -> ()
  return
}
