// RUN: loom-opt %s -loom-results-to-out-params -split-input-file -verify-diagnostics | FileCheck %s

// Each tensor result becomes a trailing memref out-parameter written with a
// restrict/writable materialization; inputs become read-only.

// CHECK-LABEL: func.func @one_result
// CHECK-SAME: (%[[X:.*]]: tensor<4x8xf32> {bufferization.writable = false},
// CHECK-SAME: %[[OUT:.*]]: memref<4x8xf32>)
// CHECK-SAME: attributes {llvm.emit_c_interface}
// CHECK: %[[R:.*]] = math.exp %[[X]]
// CHECK: bufferization.materialize_in_destination %[[R]] in restrict writable %[[OUT]]
// CHECK-NEXT: return{{$}}
func.func @one_result(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %r = math.exp %x : tensor<4x8xf32>
  return %r : tensor<4x8xf32>
}

// -----

// Outputs follow the inputs in result order; a non-tensor input keeps no
// bufferization attribute.

// CHECK-LABEL: func.func @two_results
// CHECK-SAME: (%[[A:.*]]: tensor<3xf64> {bufferization.writable = false}, %[[S:.*]]: f64,
// CHECK-SAME: %[[OUT0:.*]]: memref<3xf64>, %[[OUT1:.*]]: memref<2x3xi32>)
// CHECK: bufferization.materialize_in_destination %[[A]] in restrict writable %[[OUT0]]
// CHECK: bufferization.materialize_in_destination %{{.*}} in restrict writable %[[OUT1]]
func.func @two_results(%a: tensor<3xf64>, %s: f64) -> (tensor<3xf64>, tensor<2x3xi32>) {
  %c = arith.constant dense<1> : tensor<2x3xi32>
  return %a, %c : tensor<3xf64>, tensor<2x3xi32>
}

// -----

// Private functions keep returning tensors; bufferization handles calls.

// CHECK-LABEL: func.func private @helper
// CHECK-SAME: -> tensor<2xf32>
// CHECK-NOT: llvm.emit_c_interface
// CHECK-LABEL: func.func @caller
// CHECK-SAME: %{{.*}}: memref<2xf32>
func.func private @helper(%x: tensor<2xf32>) -> tensor<2xf32> {
  return %x : tensor<2xf32>
}
func.func @caller(%x: tensor<2xf32>) -> tensor<2xf32> {
  %r = call @helper(%x) : (tensor<2xf32>) -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

// A tied result updates its argument in place: the argument becomes a
// writable memref read through a restrict to_tensor, and only the untied
// result gets an out-parameter. The tied materialization has no `restrict`
// (the to_tensor holds it), and untied results are materialized first, since
// they may read the argument's old value.

// CHECK-LABEL: func.func @tied
// CHECK-SAME: (%[[P:[^:]*]]: memref<4xf32> {loom.param = "w"},
// CHECK-SAME: %[[G:.*]]: tensor<4xf32> {bufferization.writable = false},
// CHECK-SAME: %[[OUT:.*]]: memref<f32>)
// CHECK-NEXT: %[[PT:.*]] = bufferization.to_tensor %[[P]] restrict writable : memref<4xf32> to tensor<4xf32>
// CHECK: %[[NEW:.*]] = arith.subf %[[PT]], %[[G]]
// CHECK: bufferization.materialize_in_destination %{{.*}} in restrict writable %[[OUT]]
// CHECK: bufferization.materialize_in_destination %[[NEW]] in writable %[[P]]
// CHECK-NEXT: return{{$}}
func.func @tied(%p: tensor<4xf32> {loom.param = "w"}, %g: tensor<4xf32>)
    -> (tensor<f32>, tensor<4xf32> {loom.tied_to = 0 : i64}) {
  %loss = arith.constant dense<1.0> : tensor<f32>
  %new = arith.subf %p, %g : tensor<4xf32>
  return %loss, %new : tensor<f32>, tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @tied_before_untied
// CHECK-SAME: (%[[P:[^:]*]]: memref<4xf32>, %{{.*}}: tensor<4xf32> {bufferization.writable = false}, %[[OUT:.*]]: memref<4xf32>)
// CHECK-NEXT: %[[PT:.*]] = bufferization.to_tensor %[[P]] restrict writable
// CHECK: %[[NEW:.*]] = arith.subf %[[PT]]
// CHECK-NEXT: bufferization.materialize_in_destination %[[PT]] in restrict writable %[[OUT]]
// CHECK-NEXT: bufferization.materialize_in_destination %[[NEW]] in writable %[[P]]
// CHECK-NEXT: return{{$}}
func.func @tied_before_untied(%p: tensor<4xf32>, %g: tensor<4xf32>)
    -> (tensor<4xf32> {loom.tied_to = 0 : i64}, tensor<4xf32>) {
  %new = arith.subf %p, %g : tensor<4xf32>
  return %new, %p : tensor<4xf32>, tensor<4xf32>
}

// -----

// expected-error @+1 {{result #0 of @tied_out_of_range has loom.tied_to = 2 : i64; expected the index of one of its 2 arguments}}
func.func @tied_out_of_range(%p: tensor<4xf32>, %g: tensor<4xf32>)
    -> (tensor<4xf32> {loom.tied_to = 2 : i64}) {
  return %p : tensor<4xf32>
}

// -----

// expected-error @+1 {{result #0 of @tied_type_mismatch has type 'tensor<2xf32>' but loom.tied_to names argument #0 of type 'tensor<4xf32>'}}
func.func @tied_type_mismatch(%p: tensor<4xf32>, %g: tensor<2xf32>)
    -> (tensor<2xf32> {loom.tied_to = 0 : i64}) {
  return %g : tensor<2xf32>
}

// -----

// expected-error @+1 {{argument #0 of @tied_twice is named by loom.tied_to of more than one result}}
func.func @tied_twice(%p: tensor<4xf32>)
    -> (tensor<4xf32> {loom.tied_to = 0 : i64}, tensor<4xf32> {loom.tied_to = 0 : i64}) {
  return %p, %p : tensor<4xf32>, tensor<4xf32>
}

// -----

// expected-error @+1 {{result #1 of public function @scalar_result has type 'f32'; only ranked tensors can be returned through out-parameters}}
func.func @scalar_result(%x: tensor<2xf32>, %s: f32) -> (tensor<2xf32>, f32) {
  return %x, %s : tensor<2xf32>, f32
}

// -----

// expected-error @+1 {{public function @called is called inside the module; inline it (or make it private) before giving it an out-parameter calling convention}}
func.func @called(%x: tensor<2xf32>) -> tensor<2xf32> {
  return %x : tensor<2xf32>
}
func.func @user(%x: tensor<2xf32>) -> tensor<2xf32> {
  %r = call @called(%x) : (tensor<2xf32>) -> tensor<2xf32>
  return %r : tensor<2xf32>
}
