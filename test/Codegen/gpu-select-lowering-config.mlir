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

// A contraction of whole tensor-core instructions (rows a multiple of 16,
// columns and reduction of 8): a warp's tile of 2x2 instructions (32x16),
// K in steps of 8, the instruction's shape as the vector sizes; 8 warps a
// block, at most 4 of them along the columns (128 = 8 x 16: 4 warps; 64 =
// 2 x 32: 2 warps). The fill becomes the warps' initial accumulators.
// CHECK-LABEL: func.func @matmul_tensor_cores
// CHECK: linalg.fill {loom.lowering_config = #loom.lowering_config<vector_sizes = [32, 16]>}
// CHECK: linalg.matmul {loom.lowering_config = #loom.lowering_config<distribution_tiles = [64, 64, 0], reduction_tiles = [0, 0, 8], vector_sizes = [16, 8, 8], root = true, fused_producers = [2], warp_tiles = [32, 16, 0]>}
func.func @matmul_tensor_cores(%a: tensor<64x512xf32>, %b: tensor<512x128xf32>) -> tensor<64x128xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x128xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<64x128xf32>) -> tensor<64x128xf32>
  %r = linalg.matmul ins(%a, %b : tensor<64x512xf32>, tensor<512x128xf32>) outs(%f : tensor<64x128xf32>) -> tensor<64x128xf32>
  return %r : tensor<64x128xf32>
}

// -----

// Rows that would need 8 times the work padded (2 to 16): one output per thread, the
// parallel loops distributed, K in each thread (every output sums in the
// same order as on the CPU); the fill of the accumulator joins the tiles.
// CHECK-LABEL: func.func @matmul_threads
// CHECK: linalg.fill {loom.lowering_config = #loom.lowering_config<distribution_tiles = [2, 128], root = true, thread_tiles = [1, 1]>}
// CHECK: linalg.matmul {loom.lowering_config = #loom.lowering_config<distribution_tiles = [2, 128, 0], root = true, fused_producers = [2], thread_tiles = [1, 1, 0]>}
func.func @matmul_threads(%a: tensor<2x512xf32>, %b: tensor<512x128xf32>) -> tensor<2x128xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x128xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<2x128xf32>) -> tensor<2x128xf32>
  %r = linalg.matmul ins(%a, %b : tensor<2x512xf32>, tensor<512x128xf32>) outs(%f : tensor<2x128xf32>) -> tensor<2x128xf32>
  return %r : tensor<2x128xf32>
}

// -----

// f64 has no tensor-core instruction here: one output per thread.
// CHECK-LABEL: func.func @matmul_f64
// CHECK: linalg.matmul {{.*}}thread_tiles = [1, 1, 0]
// CHECK-NOT: warp_tiles
func.func @matmul_f64(%a: tensor<64x512xf64>, %b: tensor<512x128xf64>, %c: tensor<64x128xf64>) -> tensor<64x128xf64> {
  %r = linalg.matmul ins(%a, %b : tensor<64x512xf64>, tensor<512x128xf64>) outs(%c : tensor<64x128xf64>) -> tensor<64x128xf64>
  return %r : tensor<64x128xf64>
}

// -----

// A batched product: one batch a block and a warp; 16 columns are one warp
// wide, so the block's 4 warps go along the rows. An accumulator that is an
// argument (no fill) is read by the warps.
// CHECK-LABEL: func.func @batch_matmul
// CHECK: linalg.batch_matmul {loom.lowering_config = #loom.lowering_config<distribution_tiles = [1, 128, 16, 0], reduction_tiles = [0, 0, 0, 8], vector_sizes = [1, 16, 8, 8], root = true, warp_tiles = [1, 32, 16, 0]>}
func.func @batch_matmul(%a: tensor<4x128x32xf32>, %b: tensor<4x32x16xf32>, %c: tensor<4x128x16xf32>) -> tensor<4x128x16xf32> {
  %r = linalg.batch_matmul ins(%a, %b : tensor<4x128x32xf32>, tensor<4x32x16xf32>) outs(%c : tensor<4x128x16xf32>) -> tensor<4x128x16xf32>
  return %r : tensor<4x128x16xf32>
}

// -----

// The transposed product of a weight gradient, dW = X^T dY, as a generic:
// the rows are the loop of the first input's columns. 784 rows are 49
// instructions (no divisor up to 2): warp tiles and blocks one instruction
// high.
// CHECK-LABEL: func.func @transposed_lhs
// CHECK: linalg.generic {{.*}}distribution_tiles = [16, 64, 0], reduction_tiles = [0, 0, 8], vector_sizes = [16, 8, 8], root = true, warp_tiles = [16, 16, 0]
#xt = affine_map<(m, n, k) -> (k, m)>
#dy = affine_map<(m, n, k) -> (k, n)>
#dw = affine_map<(m, n, k) -> (m, n)>
func.func @transposed_lhs(%x: tensor<16x784xf32>, %dy: tensor<16x512xf32>, %dw: tensor<784x512xf32>) -> tensor<784x512xf32> {
  %r = linalg.generic {indexing_maps = [#xt, #dy, #dw], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %dy : tensor<16x784xf32>, tensor<16x512xf32>) outs(%dw : tensor<784x512xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<784x512xf32>
  return %r : tensor<784x512xf32>
}

// -----

// A fill that an op without tensor cores reads too stays a kernel of its
// own; the tensor-core product reads its result.
// CHECK-LABEL: func.func @shared_fill
// CHECK: linalg.fill {loom.lowering_config = #loom.lowering_config<distribution_tiles = [2, 128], root = true, thread_tiles = [1, 1]>}
// CHECK: linalg.matmul {{.*}}root = true, warp_tiles = [32, 16, 0]
// CHECK: linalg.generic
func.func @shared_fill(%a: tensor<64x512xf32>, %b: tensor<512x128xf32>, %x: tensor<64x128xf32>) -> (tensor<64x128xf32>, tensor<64x128xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x128xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<64x128xf32>) -> tensor<64x128xf32>
  %r = linalg.matmul ins(%a, %b : tensor<64x512xf32>, tensor<512x128xf32>) outs(%f : tensor<64x128xf32>) -> tensor<64x128xf32>
  %s = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<64x128xf32>) outs(%f : tensor<64x128xf32>) {
  ^bb0(%in: f32, %out: f32):
    %t = arith.addf %in, %out : f32
    linalg.yield %t : f32
  } -> tensor<64x128xf32>
  return %r, %s : tensor<64x128xf32>, tensor<64x128xf32>
}

// -----

// A convolution whose im2col product fits the tensor cores becomes one,
// rewritten before the tiles are chosen: with the output pixels as columns
// (F = 128 rows, OH*OW = 64 columns, K = C*KH*KW = 576) unless the output
// channels as columns need less padding (OH*OW = 49: N*OH*OW = 784 rows, F =
// 128 columns, no padding), and one input channel (K = 9, padded to 16) too.
// One output channel fits neither product (16 or 8 times the work padded):
// computed directly.
// CHECK-LABEL: func.func @convolutions
// CHECK: linalg.conv_2d_nchw_fchw {{.*}}#loom.lowering_config<conv_algorithm = im2col_pixels>
// CHECK: linalg.conv_2d_nchw_fchw {{.*}}#loom.lowering_config<conv_algorithm = im2col_channels>
// CHECK: linalg.conv_2d_nchw_fchw {{.*}}#loom.lowering_config<conv_algorithm = im2col_pixels>
// CHECK: linalg.conv_2d_nchw_fchw {{.*}}#loom.lowering_config<distribution_tiles = [1, 1, 16, 16, 0, 0, 0], root = true, thread_tiles = [1, 1, 1, 1, 0, 0, 0]>
func.func @convolutions(%x: tensor<4x64x10x10xf32>, %w: tensor<128x64x3x3xf32>, %out: tensor<4x128x8x8xf32>,
                        %x7: tensor<16x64x9x9xf32>, %out7: tensor<16x128x7x7xf32>,
                        %x1: tensor<2x1x18x18xf32>, %w1: tensor<64x1x3x3xf32>, %out1: tensor<2x64x16x16xf32>,
                        %wf: tensor<1x1x3x3xf32>, %outf: tensor<2x1x16x16xf32>)
    -> (tensor<4x128x8x8xf32>, tensor<16x128x7x7xf32>, tensor<2x64x16x16xf32>, tensor<2x1x16x16xf32>) {
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<4x64x10x10xf32>, tensor<128x64x3x3xf32>) outs(%out : tensor<4x128x8x8xf32>) -> tensor<4x128x8x8xf32>
  %c = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x7, %w : tensor<16x64x9x9xf32>, tensor<128x64x3x3xf32>) outs(%out7 : tensor<16x128x7x7xf32>) -> tensor<16x128x7x7xf32>
  %p = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x1, %w1 : tensor<2x1x18x18xf32>, tensor<64x1x3x3xf32>) outs(%out1 : tensor<2x64x16x16xf32>) -> tensor<2x64x16x16xf32>
  %s = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x1, %wf : tensor<2x1x18x18xf32>, tensor<1x1x3x3xf32>) outs(%outf : tensor<2x1x16x16xf32>) -> tensor<2x1x16x16xf32>
  return %r, %c, %p, %s : tensor<4x128x8x8xf32>, tensor<16x128x7x7xf32>, tensor<2x64x16x16xf32>, tensor<2x1x16x16xf32>
}

// -----

// A product that is no whole number of instructions is padded to one
// (loom-pad) when that at most doubles its multiply-adds (K = 100 -> 104,
// 1.04 times), then configured in turn; 2 rows would be 16 (8 times): one
// output per thread.
// CHECK-LABEL: func.func @padded
// CHECK: linalg.matmul {loom.lowering_config = #loom.lowering_config<pad_multiples = [16, 8, 8]>}
// CHECK: linalg.matmul {{.*}}thread_tiles = [1, 1, 0]
func.func @padded(%a: tensor<64x100xf32>, %b: tensor<100x256xf32>, %c: tensor<64x256xf32>,
                  %a2: tensor<2x512xf32>, %b2: tensor<512x128xf32>, %c2: tensor<2x128xf32>) -> (tensor<64x256xf32>, tensor<2x128xf32>) {
  %r = linalg.matmul ins(%a, %b : tensor<64x100xf32>, tensor<100x256xf32>) outs(%c : tensor<64x256xf32>) -> tensor<64x256xf32>
  %s = linalg.matmul ins(%a2, %b2 : tensor<2x512xf32>, tensor<512x128xf32>) outs(%c2 : tensor<2x128xf32>) -> tensor<2x128xf32>
  return %r, %s : tensor<64x256xf32>, tensor<2x128xf32>
}
