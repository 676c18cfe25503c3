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
