// RUN: loom-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(loom-tile-and-fuse{level=distribution},loom-tile-and-fuse{level=thread},loom-tile-and-fuse{level=reduction}))' | FileCheck %s
// RUN: loom-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(loom-tile-and-fuse{level=distribution},loom-tile-and-fuse{level=thread},canonicalize))' | FileCheck %s --check-prefix=FOLDED

// Tensor-core tiles: a block's tile (an scf.forall over blocks), one 16x8
// tile per warp (an scf.forall mapped to warps, which does not fold even
// where it has one iteration), and the reduction in steps of 8 carrying the
// warp's accumulator; the fill is fused into the warp's tile.

// CHECK-LABEL: func.func @matmul
// CHECK: scf.forall (%{{.*}}, %{{.*}}) = (0, 0) to (64, 128) step (32, 32)
// CHECK: scf.forall (%{{.*}}, %{{.*}}) = (0, 0) to (32, 32) step (16, 8)
// CHECK: linalg.fill {{.*}} -> tensor<16x8xf32>
// CHECK: scf.for %{{.*}} = %c0 to %c512 step %c8 iter_args
// CHECK: linalg.matmul {{.*}} ins(%{{.*}}, %{{.*}} : tensor<16x8xf32>, tensor<8x8xf32>) {{.*}} -> tensor<16x8xf32>
// CHECK: } {mapping = [#gpu.warp<linear_dim_0>, #gpu.warp<linear_dim_1>]}
// CHECK-NOT: linalg.fill
// CHECK: return
func.func @matmul(%a: tensor<64x512xf32>, %b: tensor<512x128xf32>) -> tensor<64x128xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x128xf32>
  %f = linalg.fill {loom.lowering_config = #loom.lowering_config<vector_sizes = [16, 8]>} ins(%zero : f32) outs(%e : tensor<64x128xf32>) -> tensor<64x128xf32>
  %r = linalg.matmul {loom.lowering_config = #loom.lowering_config<distribution_tiles = [32, 32, 0], reduction_tiles = [0, 0, 8], vector_sizes = [16, 8, 8], root = true, fused_producers = [2], warp_tiles = [16, 8, 0]>} ins(%a, %b : tensor<64x512xf32>, tensor<512x128xf32>) outs(%f : tensor<64x128xf32>) -> tensor<64x128xf32>
  return %r : tensor<64x128xf32>
}

// -----

// A block of one warp: the block forall keeps its two iterations, and the
// warp forall its one (the canonicalizer folds unmapped one-iteration
// loops, which would leave the warp's work to one thread).
// FOLDED-LABEL: func.func @one_warp
// FOLDED: scf.forall (%{{.*}}) = (0) to (32) step (16)
// FOLDED: scf.forall (%{{.*}}, %{{.*}}) = (0, 0) to (16, 8) step (16, 8)
// FOLDED: linalg.matmul {{.*}} -> tensor<16x8xf32>
// FOLDED: } {mapping = [#gpu.warp<linear_dim_0>, #gpu.warp<linear_dim_1>]}
func.func @one_warp(%a: tensor<32x8xf32>, %b: tensor<8x8xf32>, %c: tensor<32x8xf32>) -> tensor<32x8xf32> {
  %r = linalg.matmul {loom.lowering_config = #loom.lowering_config<distribution_tiles = [16, 8, 0], reduction_tiles = [0, 0, 8], vector_sizes = [16, 8, 8], root = true, warp_tiles = [16, 8, 0]>} ins(%a, %b : tensor<32x8xf32>, tensor<8x8xf32>) outs(%c : tensor<32x8xf32>) -> tensor<32x8xf32>
  return %r : tensor<32x8xf32>
}
