// RUN: loom-opt %s -loom-check-numerics -mlir-print-debuginfo | FileCheck %s
// Running the pass twice adds nothing: values with a check keep it.
// RUN: loom-opt %s -loom-check-numerics -loom-check-numerics -mlir-print-debuginfo | FileCheck %s

// Every float result gets a check right after its op, ids in program order;
// constants and integer results get none.
// CHECK-LABEL: func.func @chain
// CHECK-NEXT:    %[[C:.*]] = loom.constant
// CHECK-NEXT:    %[[L:.*]] = loom.log %arg0 : tensor<2x3xf32>
// CHECK-NEXT:    loom.check_finite %[[L]] id = 0 producer = "loom.log" : tensor<2x3xf32>
// CHECK-NEXT:    %[[M:.*]] = loom.mul %[[L]], %[[C]] : tensor<2x3xf32>
// CHECK-NEXT:    loom.check_finite %[[M]] id = 1 producer = "loom.mul" : tensor<2x3xf32>
// CHECK-NEXT:    %[[P:.*]] = loom.compare gt, %[[M]], %[[C]]
// CHECK-NEXT:    %[[S:.*]] = loom.reduce_sum %[[M]] axes = [0, 1] : tensor<2x3xf32> -> tensor<f32>
// CHECK-NEXT:    loom.check_finite %[[S]] id = 2 producer = "loom.reduce_sum" : tensor<f32>
// CHECK-NEXT:    return %[[M]], %[[P]], %[[S]]
func.func @chain(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xi1>, tensor<f32>) {
  %c = loom.constant dense<2.0> : tensor<2x3xf32>
  %l = loom.log %x : tensor<2x3xf32>
  %m = loom.mul %l, %c : tensor<2x3xf32>
  %p = loom.compare gt, %m, %c : tensor<2x3xf32>
  %s = loom.reduce_sum %m axes = [0, 1] : tensor<2x3xf32> -> tensor<f32>
  return %m, %p, %s : tensor<2x3xf32>, tensor<2x3xi1>, tensor<f32>
}

// Ops that only move or select values get no check: from checked operands
// they cannot produce a NaN or an Inf. The convert can overflow, so it has one.
// CHECK-LABEL: func.func @moves
// CHECK-NEXT:    loom.transpose
// CHECK-NEXT:    loom.broadcast_in_dim
// CHECK-NEXT:    loom.relu
// CHECK-NEXT:    loom.max
// CHECK-NEXT:    loom.reduce_max
// CHECK-NEXT:    %[[D:.*]] = loom.convert
// CHECK-NEXT:    loom.check_finite %[[D]] id = 3 producer = "loom.convert"
// CHECK-NEXT:    return
func.func @moves(%x: tensor<2x3xf64>, %b: tensor<3xf64>) -> (tensor<3x2xf64>, tensor<f64>, tensor<2x3xf32>) {
  %t = loom.transpose %x perm = [1, 0] : tensor<2x3xf64> -> tensor<3x2xf64>
  %bb = loom.broadcast_in_dim %b dims = [1] : tensor<3xf64> -> tensor<2x3xf64>
  %r = loom.relu %x : tensor<2x3xf64>
  %m = loom.max %r, %bb : tensor<2x3xf64>
  %s = loom.reduce_max %m axes = [0, 1] : tensor<2x3xf64> -> tensor<f64>
  %d = loom.convert %m : tensor<2x3xf64> -> tensor<2x3xf32>
  return %t, %s, %d : tensor<3x2xf64>, tensor<f64>, tensor<2x3xf32>
}

// Ids are unique in the module: the next function goes on counting, and the
// check keeps the op's location.
// CHECK-LABEL: func.func @second
// CHECK-NEXT:    %[[E:.*]] = loom.exp %arg0 : tensor<4xf64>
// CHECK-NEXT:    loom.check_finite %[[E]] id = 4 producer = "loom.exp" : tensor<4xf64> loc(#[[LOC:.*]])
// CHECK: #[[LOC]] = loc("model.py":7:3)
func.func @second(%x: tensor<4xf64>) -> tensor<4xf64> {
  %e = loom.exp %x : tensor<4xf64> loc("model.py":7:3)
  return %e : tensor<4xf64>
}
