// RUN: loom-opt %s -split-input-file -verify-diagnostics -pass-pipeline='builtin.module(func.func(loom-pad,cse))' | FileCheck %s

// An im2col product of K = 9 and 196 columns padded to whole tensor-core
// instructions: the operands extended with zeros (a fill, the source copied
// into it), the accumulator's fill a fill of the padded shape, the product
// on the padded shapes without a config, and the slice of its result that
// is the op's.
// CHECK-LABEL: func.func @product
// CHECK-SAME: (%[[A:.*]]: tensor<64x9xf32>, %[[B:.*]]: tensor<9x196xf32>)
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG: %[[AFILL:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<64x16xf32>)
// CHECK-DAG: %[[APAD:.*]] = tensor.insert_slice %[[A]] into %[[AFILL]][0, 0] [64, 9] [1, 1]
// CHECK-DAG: %[[BFILL:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<16x200xf32>)
// CHECK-DAG: %[[BPAD:.*]] = tensor.insert_slice %[[B]] into %[[BFILL]][0, 0] [9, 196] [1, 1]
// CHECK-DAG: %[[CPAD:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<64x200xf32>)
// CHECK: %[[PRODUCT:.*]] = linalg.matmul ins(%[[APAD]], %[[BPAD]] : tensor<64x16xf32>, tensor<16x200xf32>) outs(%[[CPAD]] : tensor<64x200xf32>)
// CHECK: %[[RESULT:.*]] = tensor.extract_slice %[[PRODUCT]][0, 0] [64, 196] [1, 1]
// CHECK: return %[[RESULT]]
func.func @product(%a: tensor<64x9xf32>, %b: tensor<9x196xf32>) -> tensor<64x196xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x196xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<64x196xf32>) -> tensor<64x196xf32>
  %r = linalg.matmul {loom.lowering_config = #loom.lowering_config<pad_multiples = [16, 8, 8]>} ins(%a, %b : tensor<64x9xf32>, tensor<9x196xf32>) outs(%f : tensor<64x196xf32>) -> tensor<64x196xf32>
  return %r : tensor<64x196xf32>
}

// -----

func.func @dynamic(%a: tensor<?x9xf32>, %b: tensor<9x196xf32>, %c: tensor<?x196xf32>) -> tensor<?x196xf32> {
  // expected-error @+1 {{'linalg.matmul' op cannot be padded to pad_multiples = [16, 8, 8]}}
  %r = linalg.matmul {loom.lowering_config = #loom.lowering_config<pad_multiples = [16, 8, 8]>} ins(%a, %b : tensor<?x9xf32>, tensor<9x196xf32>) outs(%c : tensor<?x196xf32>) -> tensor<?x196xf32>
  return %r : tensor<?x196xf32>
}
