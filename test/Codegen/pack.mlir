// RUN: loom-opt %s -split-input-file -verify-diagnostics -pass-pipeline='builtin.module(func.func(loom-pack))' | FileCheck %s

// The tiles are the config's (written by hand here), not the pass's. B is
// packed by 16 columns into panels contiguous along K, [K, N] -> [N/16, K,
// 16]: a reshape and one transpose. The result only splits its last
// dimension, a reshape each way with no copy, and its fill becomes a fill
// of the reshaped tensor.

// CHECK-DAG: #[[A_MAP:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d2)>
// CHECK-DAG: #[[B_MAP:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
// CHECK-DAG: #[[C_MAP:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-LABEL: func.func @pack_rhs_columns
// CHECK-SAME: %[[A:.*]]: tensor<32x24xf32>, %[[B:.*]]: tensor<24x48xf32>
// CHECK: %[[BX:.*]] = tensor.expand_shape %[[B]] {{\[}}[0], [1, 2]] output_shape [24, 3, 16] : tensor<24x48xf32> into tensor<24x3x16xf32>
// CHECK: %[[PANELS:.*]] = linalg.transpose ins(%[[BX]] : tensor<24x3x16xf32>) outs(%{{.*}} : tensor<3x24x16xf32>) permutation = [1, 0, 2]
// CHECK: %[[ACC:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<32x3x16xf32>)
// CHECK: %[[PRODUCT:.*]] = linalg.generic {indexing_maps = [#[[A_MAP]], #[[B_MAP]], #[[C_MAP]]], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
// CHECK-SAME: ins(%[[A]], %[[PANELS]] : tensor<32x24xf32>, tensor<3x24x16xf32>) outs(%[[ACC]] : tensor<32x3x16xf32>)
// CHECK-NOT: loom.lowering_config
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: %[[C:.*]] = tensor.collapse_shape %[[PRODUCT]] {{\[}}[0], [1, 2]] : tensor<32x3x16xf32> into tensor<32x48xf32>
// CHECK-NOT: linalg.copy
// CHECK: return %[[C]]
func.func @pack_rhs_columns(%a: tensor<32x24xf32>, %b: tensor<24x48xf32>) -> tensor<32x48xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<32x48xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%empty : tensor<32x48xf32>) -> tensor<32x48xf32>
  %r = linalg.matmul {loom.lowering_config = #loom.lowering_config<pack_tiles = [0, 16, 0]>}
      ins(%a, %b : tensor<32x24xf32>, tensor<24x48xf32>) outs(%fill : tensor<32x48xf32>) -> tensor<32x48xf32>
  return %r : tensor<32x48xf32>
}

// -----

// Rows of A packed too, [M, K] -> [M/8, K, 8]: K is already its last outer
// dimension, so no outer transpose; the result needs one each way.

// CHECK-LABEL: func.func @pack_both
// CHECK: linalg.transpose ins(%{{.*}} : tensor<4x8x24xf32>) outs(%{{.*}} : tensor<4x24x8xf32>) permutation = [0, 2, 1]
// CHECK: linalg.transpose ins(%{{.*}} : tensor<24x3x16xf32>) outs(%{{.*}} : tensor<3x24x16xf32>) permutation = [1, 0, 2]
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.*}}, %{{.*}} : tensor<4x24x8xf32>, tensor<3x24x16xf32>) outs(%{{.*}} : tensor<4x3x8x16xf32>)
// CHECK-NOT: linalg.pack
// CHECK-NOT: linalg.unpack
func.func @pack_both(%a: tensor<32x24xf32>, %b: tensor<24x48xf32>, %c: tensor<32x48xf32>) -> tensor<32x48xf32> {
  %r = linalg.matmul {loom.lowering_config = #loom.lowering_config<pack_tiles = [8, 16, 0]>}
      ins(%a, %b : tensor<32x24xf32>, tensor<24x48xf32>) outs(%c : tensor<32x48xf32>) -> tensor<32x48xf32>
  return %r : tensor<32x48xf32>
}

// -----

// No pack_tiles: left alone.

// CHECK-LABEL: func.func @not_packed
// CHECK: linalg.matmul
func.func @not_packed(%a: tensor<32x24xf32>, %b: tensor<24x48xf32>, %c: tensor<32x48xf32>) -> tensor<32x48xf32> {
  %r = linalg.matmul {loom.lowering_config = #loom.lowering_config<register_tiles = [8, 16, 0]>}
      ins(%a, %b : tensor<32x24xf32>, tensor<24x48xf32>) outs(%c : tensor<32x48xf32>) -> tensor<32x48xf32>
  return %r : tensor<32x48xf32>
}

// -----

func.func @wrong_count(%a: tensor<32x24xf32>, %b: tensor<24x48xf32>, %c: tensor<32x48xf32>) -> tensor<32x48xf32> {
  // expected-error @+1 {{cannot be packed by pack_tiles = [0, 16]: it needs one tile per loop}}
  %r = linalg.matmul {loom.lowering_config = #loom.lowering_config<pack_tiles = [0, 16]>}
      ins(%a, %b : tensor<32x24xf32>, tensor<24x48xf32>) outs(%c : tensor<32x48xf32>) -> tensor<32x48xf32>
  return %r : tensor<32x48xf32>
}
