// RUN: loom-opt %s -split-input-file -pass-pipeline='builtin.module(loom-cpu-attach-target,func.func(loom-cpu-select-lowering-config))' | FileCheck %s
// RUN: loom-opt %s -split-input-file -pass-pipeline='builtin.module(loom-cpu-attach-target,func.func(loom-cpu-select-lowering-config{threads=4}))' | FileCheck %s --check-prefix=THREADS

// One decision of the CPU strategy per function. The default target is a
// 512-bit core with 32 registers: 8x16 register tiles of f32, K tiled by 1,
// the fill fused into the matmul's tiles.

// CHECK-LABEL: func.func @matmul_512
// CHECK: linalg.fill {loom.lowering_config = #loom.lowering_config<register_tiles = [1, 16], vector_sizes = [1, 16], root = true>}
// CHECK: linalg.matmul {loom.lowering_config = #loom.lowering_config<register_tiles = [8, 16, 0], reduction_tiles = [0, 0, 1], vector_sizes = [8, 16, 1], root = true, fused_producers = [2]>}
func.func @matmul_512(%a: tensor<32x24xf32>, %b: tensor<24x48xf32>) -> tensor<32x48xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<32x48xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%empty : tensor<32x48xf32>) -> tensor<32x48xf32>
  %r = linalg.matmul ins(%a, %b : tensor<32x24xf32>, tensor<24x48xf32>) outs(%fill : tensor<32x48xf32>) -> tensor<32x48xf32>
  return %r : tensor<32x48xf32>
}

// -----

// A 256-bit target with 16 registers (AVX2): one register holds 8 f32, so
// the tiles are 8x8, and 4 f64.

// CHECK-LABEL: func.func @matmul_256
// CHECK: linalg.matmul {loom.lowering_config = #loom.lowering_config<register_tiles = [8, 8, 0], reduction_tiles = [0, 0, 1], vector_sizes = [8, 8, 1], root = true>}
// CHECK: linalg.matmul {loom.lowering_config = #loom.lowering_config<register_tiles = [8, 4, 0], reduction_tiles = [0, 0, 1], vector_sizes = [8, 4, 1], root = true>}
module attributes {loom.target = #loom.cpu_target<vector_bits = 256, vector_registers = 16, fma_units = 2, l1_cache = 32768, l2_cache = 1048576, l3_cache = 33554432>} {
func.func @matmul_256(%a: tensor<32x24xf32>, %b: tensor<24x48xf32>, %c: tensor<32x48xf32>,
                      %x: tensor<32x24xf64>, %y: tensor<24x48xf64>, %z: tensor<32x48xf64>) -> (tensor<32x48xf32>, tensor<32x48xf64>) {
  %r = linalg.matmul ins(%a, %b : tensor<32x24xf32>, tensor<24x48xf32>) outs(%c : tensor<32x48xf32>) -> tensor<32x48xf32>
  %s = linalg.matmul ins(%x, %y : tensor<32x24xf64>, tensor<24x48xf64>) outs(%z : tensor<32x48xf64>) -> tensor<32x48xf64>
  return %r, %s : tensor<32x48xf32>, tensor<32x48xf64>
}
}

// -----

// One FMA unit (this host, as LLVM's scheduling model describes it): the
// latency alone would ask for 4 accumulator rows, but the tile keeps at least
// 8 so the row load and the broadcasts stay amortized. Four FMA units ask for
// 16 rows, which half of 32 registers allows.

// CHECK-LABEL: func.func @matmul_one_fma_unit
// CHECK: linalg.matmul {loom.lowering_config = #loom.lowering_config<register_tiles = [8, 16, 0], reduction_tiles = [0, 0, 1], vector_sizes = [8, 16, 1], root = true>}
module attributes {loom.target = #loom.cpu_target<vector_bits = 512, vector_registers = 32, fma_units = 1, l1_cache = 49152, l2_cache = 2097152, l3_cache = 33554432>} {
func.func @matmul_one_fma_unit(%a: tensor<32x24xf32>, %b: tensor<24x48xf32>, %c: tensor<32x48xf32>) -> tensor<32x48xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<32x24xf32>, tensor<24x48xf32>) outs(%c : tensor<32x48xf32>) -> tensor<32x48xf32>
  return %r : tensor<32x48xf32>
}
}

// -----

// CHECK-LABEL: func.func @matmul_four_fma_units
// CHECK: linalg.matmul {loom.lowering_config = #loom.lowering_config<register_tiles = [16, 16, 0], reduction_tiles = [0, 0, 1], vector_sizes = [16, 16, 1], root = true>}
module attributes {loom.target = #loom.cpu_target<vector_bits = 512, vector_registers = 32, fma_units = 4, l1_cache = 49152, l2_cache = 2097152, l3_cache = 33554432>} {
func.func @matmul_four_fma_units(%a: tensor<32x24xf32>, %b: tensor<24x48xf32>, %c: tensor<32x48xf32>) -> tensor<32x48xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<32x24xf32>, tensor<24x48xf32>) outs(%c : tensor<32x48xf32>) -> tensor<32x48xf32>
  return %r : tensor<32x48xf32>
}
}

// -----

// A matmul whose only user is an elementwise epilogue is fused into it: the
// epilogue is the root with the matmul's register tile.

// CHECK-LABEL: func.func @epilogue_fused
// CHECK: linalg.matmul {loom.lowering_config = #loom.lowering_config<register_tiles = [8, 16, 0], reduction_tiles = [0, 0, 1], vector_sizes = [8, 16, 1]>}
// CHECK: linalg.generic {{.*}}loom.lowering_config = #loom.lowering_config<register_tiles = [8, 16], vector_sizes = [8, 16], root = true, fused_producers = [0]>
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @epilogue_fused(%a: tensor<32x24xf32>, %b: tensor<24x48xf32>, %c: tensor<32x48xf32>) -> tensor<32x48xf32> {
  %m = linalg.matmul ins(%a, %b : tensor<32x24xf32>, tensor<24x48xf32>) outs(%c : tensor<32x48xf32>) -> tensor<32x48xf32>
  %empty = tensor.empty() : tensor<32x48xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%m : tensor<32x48xf32>) outs(%empty : tensor<32x48xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    linalg.yield %e : f32
  } -> tensor<32x48xf32>
  return %r : tensor<32x48xf32>
}

// -----

// A matmul with two users is not fused into either: it would be computed
// twice. It is a root of its own, and the epilogue fuses nothing.

// CHECK-LABEL: func.func @two_users_not_fused
// CHECK: linalg.matmul {loom.lowering_config = #loom.lowering_config<register_tiles = [8, 16, 0], reduction_tiles = [0, 0, 1], vector_sizes = [8, 16, 1], root = true>}
// CHECK: linalg.generic {{.*}}loom.lowering_config = #loom.lowering_config<register_tiles = [1, 16], vector_sizes = [1, 16], root = true>
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @two_users_not_fused(%a: tensor<32x24xf32>, %b: tensor<24x48xf32>, %c: tensor<32x48xf32>) -> (tensor<32x48xf32>, tensor<32x48xf32>) {
  %m = linalg.matmul ins(%a, %b : tensor<32x24xf32>, tensor<24x48xf32>) outs(%c : tensor<32x48xf32>) -> tensor<32x48xf32>
  %empty = tensor.empty() : tensor<32x48xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%m : tensor<32x48xf32>) outs(%empty : tensor<32x48xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    linalg.yield %e : f32
  } -> tensor<32x48xf32>
  return %r, %m : tensor<32x48xf32>, tensor<32x48xf32>
}

// -----

// With threads, an op with enough work is distributed by its register tiles;
// a small one is not. Without threads nothing is.

// CHECK-LABEL: func.func @distribute_or_not
// CHECK-NOT: distribution_tiles
// THREADS-LABEL: func.func @distribute_or_not
// THREADS: linalg.generic {{.*}} ins(%{{.*}} : tensor<512x512xf32>) {{.*}}loom.lowering_config = #loom.lowering_config<distribution_tiles = [1, 16], register_tiles = [1, 16], vector_sizes = [1, 16], root = true>
// THREADS: linalg.generic {{.*}} ins(%{{.*}} : tensor<8x16xf32>) {{.*}}loom.lowering_config = #loom.lowering_config<register_tiles = [1, 16], vector_sizes = [1, 16], root = true>
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @distribute_or_not(%x: tensor<512x512xf32>, %y: tensor<8x16xf32>) -> (tensor<512x512xf32>, tensor<8x16xf32>) {
  %e = tensor.empty() : tensor<512x512xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<512x512xf32>) outs(%e : tensor<512x512xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = math.exp %in : f32
    linalg.yield %v : f32
  } -> tensor<512x512xf32>
  %f = tensor.empty() : tensor<8x16xf32>
  %s = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%y : tensor<8x16xf32>) outs(%f : tensor<8x16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = math.exp %in : f32
    linalg.yield %v : f32
  } -> tensor<8x16xf32>
  return %r, %s : tensor<512x512xf32>, tensor<8x16xf32>
}

// -----

// Convolutions: with many output pixels, im2col with the pixels as the
// product's columns; with few pixels but many channels, with the channels as
// columns; with fewer than 4 output channels, as written (direct).

// CHECK-LABEL: func.func @conv_algorithms
// CHECK: linalg.conv_2d_nchw_fchw {{.*}}loom.lowering_config = #loom.lowering_config<conv_algorithm = im2col_pixels>
// CHECK: linalg.conv_2d_nchw_fchw {{.*}}loom.lowering_config = #loom.lowering_config<conv_algorithm = im2col_channels>
// CHECK: linalg.conv_2d_nchw_fchw {{.*}}loom.lowering_config = #loom.lowering_config<register_tiles = [1, 1, 1, 1, 0, 0, 0], reduction_tiles = [0, 0, 0, 0, 1, 1, 1], vector_sizes = [1, 1, 1, 1, 1, 1, 1], conv_algorithm = direct, root = true>
func.func @conv_algorithms(%x: tensor<1x3x10x10xf32>, %w: tensor<8x3x3x3xf32>, %c: tensor<1x8x8x8xf32>,
                           %x2: tensor<1x3x5x5xf32>, %w2: tensor<32x3x3x3xf32>, %c2: tensor<1x32x3x3xf32>,
                           %w3: tensor<2x3x3x3xf32>, %c3: tensor<1x2x8x8xf32>) -> (tensor<1x8x8x8xf32>, tensor<1x32x3x3xf32>, tensor<1x2x8x8xf32>) {
  %p = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x3x10x10xf32>, tensor<8x3x3x3xf32>) outs(%c : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  %q = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x2, %w2 : tensor<1x3x5x5xf32>, tensor<32x3x3x3xf32>) outs(%c2 : tensor<1x32x3x3xf32>) -> tensor<1x32x3x3xf32>
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w3 : tensor<1x3x10x10xf32>, tensor<2x3x3x3xf32>) outs(%c3 : tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  return %p, %q, %r : tensor<1x8x8x8xf32>, tensor<1x32x3x3xf32>, tensor<1x2x8x8xf32>
}

// -----

// A transposed convolution (the scatter convert-loom-to-linalg emits) with 4
// or more input channels is a product and col2im; with fewer, as written
// (direct), in scalar loops: no tiles or vectors. The zero fills are roots
// of their own. A scatter that is no transposed convolution (a max, not a
// sum) is left unconfigured: scalar loops.

#tc_in = affine_map<(n, c, y, x, o, i, j) -> (n, o, y, x)>
#tc_w = affine_map<(n, c, y, x, o, i, j) -> (o, c, i, j)>
#tc_out = affine_map<(n, c, y, x, o, i, j) -> (n, c, y * 2 + i, x * 2 + j)>
// CHECK-LABEL: func.func @transposed_conv_algorithms
// CHECK: linalg.generic {{.*}}loom.lowering_config = #loom.lowering_config<conv_algorithm = col2im>
// CHECK: linalg.generic {{.*}}loom.lowering_config = #loom.lowering_config<conv_algorithm = direct>
// CHECK: linalg.generic
// CHECK-NOT: loom.lowering_config
// CHECK-SAME: ins(
func.func @transposed_conv_algorithms(%dy: tensor<1x4x3x3xf32>, %w: tensor<4x2x3x3xf32>,
                                      %dy3: tensor<1x3x3x3xf32>, %w3: tensor<3x2x3x3xf32>,
                                      %acc: tensor<1x2x7x7xf32>) -> (tensor<1x2x7x7xf32>, tensor<1x2x7x7xf32>, tensor<1x2x7x7xf32>) {
  %p = linalg.generic {indexing_maps = [#tc_in, #tc_w, #tc_out],
      iterator_types = ["parallel", "parallel", "reduction", "reduction", "reduction", "reduction", "reduction"]}
      ins(%dy, %w : tensor<1x4x3x3xf32>, tensor<4x2x3x3xf32>) outs(%acc : tensor<1x2x7x7xf32>) {
  ^bb0(%a: f32, %b: f32, %s: f32):
    %m = arith.mulf %a, %b : f32
    %t = arith.addf %s, %m : f32
    linalg.yield %t : f32
  } -> tensor<1x2x7x7xf32>
  %q = linalg.generic {indexing_maps = [#tc_in, #tc_w, #tc_out],
      iterator_types = ["parallel", "parallel", "reduction", "reduction", "reduction", "reduction", "reduction"]}
      ins(%dy3, %w3 : tensor<1x3x3x3xf32>, tensor<3x2x3x3xf32>) outs(%acc : tensor<1x2x7x7xf32>) {
  ^bb0(%a: f32, %b: f32, %s: f32):
    %m = arith.mulf %a, %b : f32
    %t = arith.addf %s, %m : f32
    linalg.yield %t : f32
  } -> tensor<1x2x7x7xf32>
  %r = linalg.generic {indexing_maps = [#tc_in, #tc_w, #tc_out],
      iterator_types = ["parallel", "parallel", "reduction", "reduction", "reduction", "reduction", "reduction"]}
      ins(%dy, %w : tensor<1x4x3x3xf32>, tensor<4x2x3x3xf32>) outs(%acc : tensor<1x2x7x7xf32>) {
  ^bb0(%a: f32, %b: f32, %s: f32):
    %m = arith.maximumf %a, %b : f32
    %t = arith.maximumf %s, %m : f32
    linalg.yield %t : f32
  } -> tensor<1x2x7x7xf32>
  return %p, %q, %r : tensor<1x2x7x7xf32>, tensor<1x2x7x7xf32>, tensor<1x2x7x7xf32>
}

// -----

// Packing: a matmul whose B does not fit in L2 (the default target's 1 MiB;
// 512x1024 f32 is 2 MiB) with at least 64 rows of A gets B packed into
// panels of one register of columns, and nothing else: the packed op is
// configured once loom-pack made it. With 32 rows the copy would not pay,
// and a B that fits in L2 is read from there: both are tiled as they are.
// An epilogue does not claim a matmul that is packed.

// CHECK-LABEL: func.func @pack_decisions
// CHECK: linalg.matmul {loom.lowering_config = #loom.lowering_config<pack_tiles = [0, 16, 0]>}
// CHECK: linalg.matmul {loom.lowering_config = #loom.lowering_config<register_tiles = [8, 16, 0], reduction_tiles = [0, 0, 1], vector_sizes = [8, 16, 1], root = true>}
// CHECK-SAME: tensor<32x512xf32>
// CHECK: linalg.matmul {loom.lowering_config = #loom.lowering_config<register_tiles = [8, 16, 0], reduction_tiles = [0, 0, 1], vector_sizes = [8, 16, 1], root = true>}
// CHECK-SAME: tensor<64x256xf32>
// CHECK: linalg.generic {{.*}}loom.lowering_config = #loom.lowering_config<register_tiles = [1, 16], vector_sizes = [1, 16], root = true>
func.func @pack_decisions(%a: tensor<64x512xf32>, %b: tensor<512x1024xf32>, %c: tensor<64x1024xf32>,
                          %a32: tensor<32x512xf32>, %c32: tensor<32x1024xf32>,
                          %a2: tensor<64x256xf32>, %b2: tensor<256x1024xf32>)
    -> (tensor<64x1024xf32>, tensor<32x1024xf32>, tensor<64x1024xf32>) {
  %p = linalg.matmul ins(%a, %b : tensor<64x512xf32>, tensor<512x1024xf32>) outs(%c : tensor<64x1024xf32>) -> tensor<64x1024xf32>
  %q = linalg.matmul ins(%a32, %b : tensor<32x512xf32>, tensor<512x1024xf32>) outs(%c32 : tensor<32x1024xf32>) -> tensor<32x1024xf32>
  %r = linalg.matmul ins(%a2, %b2 : tensor<64x256xf32>, tensor<256x1024xf32>) outs(%c : tensor<64x1024xf32>) -> tensor<64x1024xf32>
  %e = tensor.empty() : tensor<64x1024xf32>
  %relu = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
      iterator_types = ["parallel", "parallel"]} ins(%p : tensor<64x1024xf32>) outs(%e : tensor<64x1024xf32>) {
  ^bb0(%v: f32, %o: f32):
    %zero = arith.constant 0.0 : f32
    %m = arith.maximumf %v, %zero : f32
    linalg.yield %m : f32
  } -> tensor<64x1024xf32>
  return %relu, %q, %r : tensor<64x1024xf32>, tensor<32x1024xf32>, tensor<64x1024xf32>
}

// -----

// Cache tiles: a packed product (as loom-pack leaves it: B in [N/16, K, 16]
// panels) whose B (2 MiB) exceeds L2 gets a cache tile over the panels that
// keeps K x 16 x 4 B x 8 panels = 512 KiB, half the default target's L2, so
// every 8-row block of A reads that block from L2. With 32 rows the blocks
// are not reused enough: none.

#packed_a = affine_map<(m, n0, k, n1) -> (m, k)>
#packed_b = affine_map<(m, n0, k, n1) -> (n0, k, n1)>
#packed_c = affine_map<(m, n0, k, n1) -> (m, n0, n1)>
// CHECK-LABEL: func.func @cache_tiles
// CHECK: linalg.generic {{.*}}loom.lowering_config = #loom.lowering_config<cache_tiles = [0, 8, 0, 0], register_tiles = [8, 1, 0, 16], reduction_tiles = [0, 0, 1, 0], vector_sizes = [8, 1, 1, 16], root = true>
// CHECK: linalg.generic {{.*}}loom.lowering_config = #loom.lowering_config<register_tiles = [8, 1, 0, 16], reduction_tiles = [0, 0, 1, 0], vector_sizes = [8, 1, 1, 16], root = true>
func.func @cache_tiles(%a: tensor<64x1024xf32>, %b: tensor<32x1024x16xf32>, %c: tensor<64x32x16xf32>,
                       %a32: tensor<32x1024xf32>, %c32: tensor<32x32x16xf32>) -> (tensor<64x32x16xf32>, tensor<32x32x16xf32>) {
  %p = linalg.generic {indexing_maps = [#packed_a, #packed_b, #packed_c], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
      ins(%a, %b : tensor<64x1024xf32>, tensor<32x1024x16xf32>) outs(%c : tensor<64x32x16xf32>) {
  ^bb0(%x: f32, %y: f32, %s: f32):
    %m = arith.mulf %x, %y : f32
    %t = arith.addf %s, %m : f32
    linalg.yield %t : f32
  } -> tensor<64x32x16xf32>
  %q = linalg.generic {indexing_maps = [#packed_a, #packed_b, #packed_c], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
      ins(%a32, %b : tensor<32x1024xf32>, tensor<32x1024x16xf32>) outs(%c32 : tensor<32x32x16xf32>) {
  ^bb0(%x: f32, %y: f32, %s: f32):
    %m = arith.mulf %x, %y : f32
    %t = arith.addf %s, %m : f32
    linalg.yield %t : f32
  } -> tensor<32x32x16xf32>
  return %p, %q : tensor<64x32x16xf32>, tensor<32x32x16xf32>
}

// -----

// An op that reads or writes i1 gets no vector sizes: it stays scalar.

// CHECK-LABEL: func.func @boolean_stays_scalar
// CHECK: linalg.generic {{.*}}loom.lowering_config = #loom.lowering_config<register_tiles = [16], root = true>
#id = affine_map<(d0) -> (d0)>
func.func @boolean_stays_scalar(%x: tensor<16xf32>) -> tensor<16xi1> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16xi1>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<16xf32>) outs(%e : tensor<16xi1>) {
  ^bb0(%in: f32, %out: i1):
    %b = arith.cmpf ogt, %in, %zero : f32
    linalg.yield %b : i1
  } -> tensor<16xi1>
  return %r : tensor<16xi1>
}
