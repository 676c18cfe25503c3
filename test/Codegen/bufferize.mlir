// RUN: loom-opt %s -loom-eliminate-empty-tensors -loom-bufferize -cse -canonicalize | FileCheck %s

// A result is computed directly in the caller's out-parameter: no buffer, no
// copy once the self-copy of the materialization folds.

// CHECK-LABEL: func.func @in_place
// CHECK-SAME: (%[[X:.*]]: memref<64xf32>, %[[OUT:.*]]: memref<64xf32>)
// CHECK-NOT: memref.alloc
// CHECK: linalg.generic {{.*}} ins(%[[X]] : memref<64xf32>) outs(%[[OUT]] : memref<64xf32>)
// CHECK-NOT: copy
// CHECK: return
#id = affine_map<(d0) -> (d0)>
func.func @in_place(%x: tensor<64xf32> {bufferization.writable = false}, %out: memref<64xf32>) {
  %empty = tensor.empty() : tensor<64xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<64xf32>) outs(%empty : tensor<64xf32>) {
  ^bb0(%a: f32, %o: f32):
    %n = arith.negf %a : f32
    linalg.yield %n : f32
  } -> tensor<64xf32>
  bufferization.materialize_in_destination %r in restrict writable %out : (tensor<64xf32>, memref<64xf32>) -> ()
  return
}

// A result that is an input is copied, with a linalg.copy (lowered to loops
// later; the generated code never calls the runtime's memrefCopy).

// CHECK-LABEL: func.func @input_result
// CHECK-SAME: (%[[X:.*]]: memref<64xf32>, %[[OUT:.*]]: memref<64xf32>)
// CHECK-NEXT: linalg.copy ins(%[[X]] : memref<64xf32>) outs(%[[OUT]] : memref<64xf32>)
// CHECK-NEXT: return
func.func @input_result(%x: tensor<64xf32> {bufferization.writable = false}, %out: memref<64xf32>) {
  bufferization.materialize_in_destination %x in restrict writable %out : (tensor<64xf32>, memref<64xf32>) -> ()
  return
}

// Inputs are read-only: an op that would update one in place works on a copy.

// CHECK-LABEL: func.func @read_only_input
// CHECK-SAME: (%[[X:.*]]: memref<64xf32>, %[[OUT:.*]]: memref<64xf32>)
// CHECK: %[[COPY:.*]] = memref.alloc() {alignment = 64 : i64} : memref<64xf32>
// CHECK: linalg.copy ins(%[[X]] : memref<64xf32>) outs(%[[COPY]] : memref<64xf32>)
// CHECK: linalg.generic {{.*}} outs(%[[COPY]] : memref<64xf32>)
// CHECK-NOT: outs(%[[X]]
func.func @read_only_input(%x: tensor<64xf32> {bufferization.writable = false}, %out: memref<64xf32>) {
  %r = linalg.generic {indexing_maps = [#id], iterator_types = ["parallel"]}
      outs(%x : tensor<64xf32>) {
  ^bb0(%o: f32):
    %n = arith.negf %o : f32
    linalg.yield %n : f32
  } -> tensor<64xf32>
  bufferization.materialize_in_destination %r in restrict writable %out : (tensor<64xf32>, memref<64xf32>) -> ()
  return
}
