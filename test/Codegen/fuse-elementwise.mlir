// RUN: loom-opt %s -split-input-file -loom-fuse-elementwise | FileCheck %s

// A reshape of a contraction's result stays a reshape: the matmul keeps its
// 2-D iteration space (upstream's pass would turn it into a 4-D generic over
// 2x3 by 4x2).
// CHECK-LABEL: func.func @reshape_stays_outside_matmul
// CHECK: %[[PRODUCT:.*]] = linalg.matmul
// CHECK-SAME: -> tensor<6x8xf32>
// CHECK: tensor.expand_shape %[[PRODUCT]]
// CHECK-SAME: into tensor<2x3x4x2xf32>
func.func @reshape_stays_outside_matmul(%a: tensor<6x5xf32>, %b: tensor<5x8xf32>) -> tensor<2x3x4x2xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<6x8xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<6x8xf32>) -> tensor<6x8xf32>
  %product = linalg.matmul ins(%a, %b : tensor<6x5xf32>, tensor<5x8xf32>) outs(%init : tensor<6x8xf32>) -> tensor<6x8xf32>
  %expanded = tensor.expand_shape %product [[0, 1], [2, 3]] output_shape [2, 3, 4, 2] : tensor<6x8xf32> into tensor<2x3x4x2xf32>
  return %expanded : tensor<2x3x4x2xf32>
}

// -----

// Likewise for a collapsed operand.
// CHECK-LABEL: func.func @collapsed_operand_stays
// CHECK: %[[LHS:.*]] = tensor.collapse_shape
// CHECK: linalg.matmul ins(%[[LHS]], %{{.*}} : tensor<6x5xf32>, tensor<5x8xf32>)
func.func @collapsed_operand_stays(%a: tensor<2x3x5xf32>, %b: tensor<5x8xf32>) -> tensor<6x8xf32> {
  %zero = arith.constant 0.0 : f32
  %lhs = tensor.collapse_shape %a [[0, 1], [2]] : tensor<2x3x5xf32> into tensor<6x5xf32>
  %empty = tensor.empty() : tensor<6x8xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<6x8xf32>) -> tensor<6x8xf32>
  %product = linalg.matmul ins(%lhs, %b : tensor<6x5xf32>, tensor<5x8xf32>) outs(%init : tensor<6x8xf32>) -> tensor<6x8xf32>
  return %product : tensor<6x8xf32>
}

// -----

// Elementwise chains still fuse, and reshapes still move through them.
// CHECK-LABEL: func.func @elementwise_chain_fuses
// CHECK: tensor.expand_shape %{{.*}} into tensor<2x3x4xf32>
// CHECK: %[[FUSED:.*]] = linalg.generic
// CHECK: math.exp
// CHECK: arith.addf
// CHECK-NOT: linalg.generic
// CHECK: return %[[FUSED]]
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @elementwise_chain_fuses(%x: tensor<6x4xf32>) -> tensor<2x3x4xf32> {
  %empty = tensor.empty() : tensor<6x4xf32>
  %e = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<6x4xf32>) outs(%empty : tensor<6x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = math.exp %in : f32
    linalg.yield %v : f32
  } -> tensor<6x4xf32>
  %s = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%e : tensor<6x4xf32>) outs(%empty : tensor<6x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = arith.addf %in, %in : f32
    linalg.yield %v : f32
  } -> tensor<6x4xf32>
  %r = tensor.expand_shape %s [[0, 1], [2]] output_shape [2, 3, 4] : tensor<6x4xf32> into tensor<2x3x4xf32>
  return %r : tensor<2x3x4xf32>
}
