// RUN: loom-opt %s -split-input-file -pass-pipeline='builtin.module(loom-gpu-attach-target,func.func(loom-gpu-select-lowering-config))' | FileCheck %s
// RUN: loom-opt %s -split-input-file -pass-pipeline='builtin.module(loom-gpu-attach-target{max-threads-per-block=64},func.func(loom-gpu-select-lowering-config))' | FileCheck %s --check-prefix=SMALL
// RUN: not loom-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(loom-gpu-select-lowering-config))' 2>&1 | FileCheck %s --check-prefix=NOTARGET

// One decision of the GPU strategy per function: 256 threads a block unless
// the target allows fewer; one output element per thread.

// The innermost loop first; a divisor of its trip count (784 = 4 x 196)
// instead of a partial tile of 256. The block's 196 threads leave a factor
// of 1 for the outer loop.
// CHECK-LABEL: func.func @elementwise_divisor
// CHECK: linalg.generic {{.*}}loom.lowering_config = #loom.lowering_config<distribution_tiles = [1, 196], root = true, thread_tiles = [1, 1]>
// The target's 64 threads cap the block: 784 = 14 x 56.
// SMALL-LABEL: func.func @elementwise_divisor
// SMALL: distribution_tiles = [1, 56], root = true, thread_tiles = [1, 1]
// NOTARGET: needs a #loom.gpu_target on the module
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @elementwise_divisor(%x: tensor<64x784xf32>) -> tensor<64x784xf32> {
  %e = tensor.empty() : tensor<64x784xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<64x784xf32>) outs(%e : tensor<64x784xf32>) {
  ^bb0(%a: f32, %b: f32):
    %t = math.tanh %a : f32
    linalg.yield %t : f32
  } -> tensor<64x784xf32>
  return %r : tensor<64x784xf32>
}

// -----

// A prime trip count has no divisor near 256: partial tiles of 256. A short
// inner loop is taken whole and the outer one fills the block: 10 x 25.
// CHECK-LABEL: func.func @prime_and_short
// CHECK: distribution_tiles = [1, 256], root = true, thread_tiles = [1, 1]
// CHECK: distribution_tiles = [25, 10], root = true, thread_tiles = [1, 1]
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @prime_and_short(%x: tensor<2x1009xf32>, %y: tensor<100x10xf32>) -> (tensor<2x1009xf32>, tensor<100x10xf32>) {
  %e = tensor.empty() : tensor<2x1009xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<2x1009xf32>) outs(%e : tensor<2x1009xf32>) {
  ^bb0(%a: f32, %b: f32):
    %t = arith.negf %a : f32
    linalg.yield %t : f32
  } -> tensor<2x1009xf32>
  %f = tensor.empty() : tensor<100x10xf32>
  %s = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%y : tensor<100x10xf32>) outs(%f : tensor<100x10xf32>) {
  ^bb0(%a: f32, %b: f32):
    %t = arith.negf %a : f32
    linalg.yield %t : f32
  } -> tensor<100x10xf32>
  return %r, %s : tensor<2x1009xf32>, tensor<100x10xf32>
}

// -----

// A contraction: its parallel loops are distributed, K stays in each thread
// (so every output sums in the same order as on the CPU), and the fill of its
// accumulator joins its tiles.
// CHECK-LABEL: func.func @matmul
// CHECK: linalg.fill {loom.lowering_config = #loom.lowering_config<distribution_tiles = [2, 128], root = true, thread_tiles = [1, 1]>}
// CHECK: linalg.matmul {loom.lowering_config = #loom.lowering_config<distribution_tiles = [2, 128, 0], root = true, fused_producers = [2], thread_tiles = [1, 1, 0]>}
func.func @matmul(%a: tensor<64x512xf32>, %b: tensor<512x128xf32>) -> tensor<64x128xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x128xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<64x128xf32>) -> tensor<64x128xf32>
  %r = linalg.matmul ins(%a, %b : tensor<64x512xf32>, tensor<512x128xf32>) outs(%f : tensor<64x128xf32>) -> tensor<64x128xf32>
  return %r : tensor<64x128xf32>
}

// -----

// A row reduction: the rows are the threads, the reduction stays in each.
// CHECK-LABEL: func.func @row_sum
// CHECK: linalg.generic {{.*}}distribution_tiles = [64, 0], root = true, fused_producers = [1], thread_tiles = [1, 0]
#in = affine_map<(d0, d1) -> (d0, d1)>
#out = affine_map<(d0, d1) -> (d0)>
func.func @row_sum(%x: tensor<64x784xf32>) -> tensor<64xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<64xf32>) -> tensor<64xf32>
  %r = linalg.generic {indexing_maps = [#in, #out], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<64x784xf32>) outs(%f : tensor<64xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %a, %acc : f32
    linalg.yield %s : f32
  } -> tensor<64xf32>
  return %r : tensor<64xf32>
}

// -----

// No parallel loop (a full reduction) and a scatter (several iterations
// write one output element): left unconfigured, they run as one-thread
// kernels (loom-gpu-map-to-processors).
// CHECK-LABEL: func.func @unconfigured
// CHECK: linalg.generic
// CHECK-NOT: distribution_tiles
// CHECK: linalg.generic
// CHECK-NOT: distribution_tiles
// CHECK: return
#in1 = affine_map<(d0) -> (d0)>
#scalar = affine_map<(d0) -> ()>
#half = affine_map<(d0) -> (d0 floordiv 2)>
func.func @unconfigured(%x: tensor<64xf32>, %init: tensor<f32>, %acc: tensor<32xf32>) -> (tensor<f32>, tensor<32xf32>) {
  %r = linalg.generic {indexing_maps = [#in1, #scalar], iterator_types = ["reduction"]}
      ins(%x : tensor<64xf32>) outs(%init : tensor<f32>) {
  ^bb0(%a: f32, %b: f32):
    %s = arith.addf %a, %b : f32
    linalg.yield %s : f32
  } -> tensor<f32>
  %p = linalg.generic {indexing_maps = [#in1, #half], iterator_types = ["parallel"]}
      ins(%x : tensor<64xf32>) outs(%acc : tensor<32xf32>) {
  ^bb0(%a: f32, %b: f32):
    %s = arith.addf %a, %b : f32
    linalg.yield %s : f32
  } -> tensor<32xf32>
  return %r, %p : tensor<f32>, tensor<32xf32>
}
