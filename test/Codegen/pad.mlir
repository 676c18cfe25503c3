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

// -----

// A pad the function had (a convolution's zero border) becomes a fill and a
// copy of its source into it, which the strategy configures.
// CHECK-LABEL: func.func @border
// CHECK: %[[FILL:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<2x1x30x30xf32>)
// CHECK: tensor.insert_slice %{{.*}} into %[[FILL]][0, 0, 1, 1] [2, 1, 28, 28] [1, 1, 1, 1]
// CHECK-NOT: tensor.pad
func.func @border(%x: tensor<2x1x28x28xf32>) -> tensor<2x1x30x30xf32> {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<2x1x28x28xf32> to tensor<2x1x30x30xf32>
  return %p : tensor<2x1x30x30xf32>
}
