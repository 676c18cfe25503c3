// RUN: loom-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(loom-tile-and-fuse{level=distribution},loom-tile-and-fuse{level=thread}))' | FileCheck %s

// A GPU config: a block's tile (an scf.forall over blocks), then one
// output per thread (an scf.forall inside it, over the block's threads);
// the fill fused at both levels, so each thread zeroes its own accumulator.

// CHECK-LABEL: func.func @matmul
// CHECK: scf.forall (%{{.*}}, %{{.*}}) = (0, 0) to (64, 128) step (2, 128)
// CHECK: scf.forall (%{{.*}}, %{{.*}}) in (2, 128)
// CHECK: linalg.fill {{.*}} -> tensor<1x1xf32>
// CHECK: linalg.matmul {{.*}} -> tensor<1x1xf32>
// CHECK-NOT: linalg.fill
// CHECK: return
func.func @matmul(%a: tensor<64x512xf32>, %b: tensor<512x128xf32>) -> tensor<64x128xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x128xf32>
  %f = linalg.fill {loom.lowering_config = #loom.lowering_config<distribution_tiles = [2, 128], root = true, thread_tiles = [1, 1]>} ins(%zero : f32) outs(%e : tensor<64x128xf32>) -> tensor<64x128xf32>
  %r = linalg.matmul {loom.lowering_config = #loom.lowering_config<distribution_tiles = [2, 128, 0], root = true, fused_producers = [2], thread_tiles = [1, 1, 0]>} ins(%a, %b : tensor<64x512xf32>, tensor<512x128xf32>) outs(%f : tensor<64x128xf32>) -> tensor<64x128xf32>
  return %r : tensor<64x128xf32>
}

// -----

// A partial last tile (31 = 17 + 14): the threads' forall has the tile's
// size, and the block-level copy of the fused fill, which only that size
// query read, is gone.
// CHECK-LABEL: func.func @partial
// CHECK: scf.forall (%{{.*}}, %{{.*}}) = (0, 0) to (31, 15) step (17, 15)
// CHECK: %[[SIZE:.*]] = affine.min
// CHECK-NOT: linalg.fill
// CHECK: scf.forall (%{{.*}}, %{{.*}}) in (%[[SIZE]], 15)
// CHECK: linalg.fill
// CHECK: linalg.matmul
func.func @partial(%a: tensor<31x1xf64>, %b: tensor<1x15xf64>) -> tensor<31x15xf64> {
  %zero = arith.constant 0.0 : f64
  %e = tensor.empty() : tensor<31x15xf64>
  %f = linalg.fill {loom.lowering_config = #loom.lowering_config<distribution_tiles = [17, 15], root = true, thread_tiles = [1, 1]>} ins(%zero : f64) outs(%e : tensor<31x15xf64>) -> tensor<31x15xf64>
  %r = linalg.matmul {loom.lowering_config = #loom.lowering_config<distribution_tiles = [17, 15, 0], root = true, fused_producers = [2], thread_tiles = [1, 1, 0]>} ins(%a, %b : tensor<31x1xf64>, tensor<1x15xf64>) outs(%f : tensor<31x15xf64>) -> tensor<31x15xf64>
  return %r : tensor<31x15xf64>
}
