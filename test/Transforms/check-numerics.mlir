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

// Ids are unique in the module: the next function goes on counting, and the
// check keeps the op's location.
// CHECK-LABEL: func.func @second
// CHECK-NEXT:    %[[E:.*]] = loom.exp %arg0 : tensor<4xf64>
// CHECK-NEXT:    loom.check_finite %[[E]] id = 3 producer = "loom.exp" : tensor<4xf64> loc(#[[LOC:.*]])
// CHECK: #[[LOC]] = loc("model.py":7:3)
func.func @second(%x: tensor<4xf64>) -> tensor<4xf64> {
  %e = loom.exp %x : tensor<4xf64> loc("model.py":7:3)
  return %e : tensor<4xf64>
}
