// RUN: loom-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(loom-vectorize))' | FileCheck %s

// An op whose config has vector sizes is vectorized at its (tile) shape; an
// op without them, or without a config, stays a linalg op.

// CHECK-LABEL: func.func @tile
// CHECK: vector.transfer_read {{.*}} vector<8x1xf32>
// CHECK: vector.transfer_read {{.*}} vector<1x16xf32>
// CHECK: vector.contract {{.*}} : vector<8x1xf32>, vector<1x16xf32> into vector<8x16xf32>
// CHECK: vector.transfer_write {{.*}} : vector<8x16xf32>, tensor<8x16xf32>
// CHECK-NOT: linalg.matmul
func.func @tile(%a: tensor<8x1xf32>, %b: tensor<1x16xf32>, %c: tensor<8x16xf32>) -> tensor<8x16xf32> {
  %r = linalg.matmul {loom.lowering_config = #loom.lowering_config<vector_sizes = [8, 16, 1]>}
      ins(%a, %b : tensor<8x1xf32>, tensor<1x16xf32>) outs(%c : tensor<8x16xf32>) -> tensor<8x16xf32>
  return %r : tensor<8x16xf32>
}

// -----

// CHECK-LABEL: func.func @scalar
// CHECK-NOT: vector.
// CHECK: linalg.generic
// CHECK: linalg.generic
#id = affine_map<(d0) -> (d0)>
func.func @scalar(%x: tensor<16xi1>, %y: tensor<16xf32>) -> (tensor<16xi1>, tensor<16xf32>) {
  %e = tensor.empty() : tensor<16xi1>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"],
                       loom.lowering_config = #loom.lowering_config<register_tiles = [16], root = true>}
      ins(%x : tensor<16xi1>) outs(%e : tensor<16xi1>) {
  ^bb0(%in: i1, %out: i1):
    linalg.yield %in : i1
  } -> tensor<16xi1>
  %f = tensor.empty() : tensor<16xf32>
  %s = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%y : tensor<16xf32>) outs(%f : tensor<16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %n = arith.negf %in : f32
    linalg.yield %n : f32
  } -> tensor<16xf32>
  return %r, %s : tensor<16xi1>, tensor<16xf32>
}
