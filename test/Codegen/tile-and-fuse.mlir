// RUN: loom-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(loom-tile-and-fuse{level=register}))' | FileCheck %s --check-prefix=REGISTER
// RUN: loom-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(loom-tile-and-fuse{level=distribution}))' | FileCheck %s --check-prefix=DISTRIBUTION
// RUN: loom-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(loom-tile-and-fuse{level=register},loom-tile-and-fuse{level=reduction}))' | FileCheck %s --check-prefix=REDUCTION
// RUN: loom-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(loom-tile-and-fuse{level=distribution},loom-tile-and-fuse{level=register}))' | FileCheck %s --check-prefix=THREADTILE
// RUN: loom-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(loom-tile-and-fuse{level=cache},loom-tile-and-fuse{level=register}))' | FileCheck %s --check-prefix=CACHE

// The configs are written by hand: the pass tiles by them and decides
// nothing. The matmul fuses the fill its init operand (2) names.

// REGISTER-LABEL: func.func @matmul_fill
// REGISTER: scf.for %{{.*}} step %c8
// REGISTER: scf.for %{{.*}} step %c16
// REGISTER: linalg.fill {{.*}} -> tensor<8x16xf32>
// REGISTER: linalg.matmul {{.*}} ins(%{{.*}}, %{{.*}} : tensor<8x24xf32>, tensor<24x16xf32>)
// REGISTER-NOT: scf.forall

// Without distribution tiles, distribution leaves the matmul alone.
// DISTRIBUTION-LABEL: func.func @matmul_fill
// DISTRIBUTION-NOT: scf.for
// DISTRIBUTION: linalg.matmul {{.*}} -> tensor<32x48xf32>

// REDUCTION-LABEL: func.func @matmul_fill
// REDUCTION: scf.for %{{.*}} step %c8
// REDUCTION: scf.for %{{.*}} step %c16
// REDUCTION: scf.for %{{.*}} step %c1
// REDUCTION: linalg.matmul {{.*}} ins(%{{.*}}, %{{.*}} : tensor<8x1xf32>, tensor<1x16xf32>)
func.func @matmul_fill(%a: tensor<32x24xf32>, %b: tensor<24x48xf32>) -> tensor<32x48xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<32x48xf32>
  %fill = linalg.fill {loom.lowering_config = #loom.lowering_config<register_tiles = [1, 16], vector_sizes = [1, 16], root = true>}
      ins(%zero : f32) outs(%empty : tensor<32x48xf32>) -> tensor<32x48xf32>
  %r = linalg.matmul {loom.lowering_config = #loom.lowering_config<register_tiles = [8, 16, 0], reduction_tiles = [0, 0, 1], vector_sizes = [8, 16, 1], root = true, fused_producers = [2]>}
      ins(%a, %b : tensor<32x24xf32>, tensor<24x48xf32>) outs(%fill : tensor<32x48xf32>) -> tensor<32x48xf32>
  return %r : tensor<32x48xf32>
}

// -----

// Cache tiles: an scf.for over blocks of 32 columns, the fill fused into
// each block and, at the register level, into each register tile inside it
// (a register tile as wide as the block would be the block). The fill is
// computed nowhere else.

// CACHE-LABEL: func.func @matmul_cache_tiles
// CACHE-NOT: linalg.fill
// CACHE: scf.for %{{.*}} = %c0 to %c96 step %c32
// CACHE: scf.for %{{.*}} step %c8
// CACHE: scf.for %{{.*}} = %c0{{.*}} to %c32{{.*}} step %c16
// CACHE: linalg.fill {{.*}} -> tensor<8x16xf32>
// CACHE: linalg.matmul {{.*}} ins(%{{.*}}, %{{.*}} : tensor<8x24xf32>, tensor<24x16xf32>)
// Without cache tiles the cache level leaves the op alone.
// CACHE-LABEL: func.func @matmul_fill_not_fused
// CACHE-NOT: step %c32
func.func @matmul_cache_tiles(%a: tensor<32x24xf32>, %b: tensor<24x96xf32>) -> tensor<32x96xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<32x96xf32>
  %fill = linalg.fill {loom.lowering_config = #loom.lowering_config<register_tiles = [1, 16], root = true>}
      ins(%zero : f32) outs(%empty : tensor<32x96xf32>) -> tensor<32x96xf32>
  %r = linalg.matmul {loom.lowering_config = #loom.lowering_config<cache_tiles = [0, 32, 0], register_tiles = [8, 16, 0], root = true, fused_producers = [2]>}
      ins(%a, %b : tensor<32x24xf32>, tensor<24x96xf32>) outs(%fill : tensor<32x96xf32>) -> tensor<32x96xf32>
  return %r : tensor<32x96xf32>
}

// -----

// A fill that is not among the fused producers is tiled on its own.

// REGISTER-LABEL: func.func @matmul_fill_not_fused
// REGISTER: scf.for %{{.*}} step %c1
// REGISTER: scf.for %{{.*}} step %c16
// REGISTER: linalg.fill {{.*}} -> tensor<1x16xf32>
// REGISTER: scf.for %{{.*}} step %c8
// REGISTER: scf.for %{{.*}} step %c16
// REGISTER-NOT: linalg.fill
// REGISTER: linalg.matmul
func.func @matmul_fill_not_fused(%a: tensor<32x24xf32>, %b: tensor<24x48xf32>) -> tensor<32x48xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<32x48xf32>
  %fill = linalg.fill {loom.lowering_config = #loom.lowering_config<register_tiles = [1, 16], root = true>}
      ins(%zero : f32) outs(%empty : tensor<32x48xf32>) -> tensor<32x48xf32>
  %r = linalg.matmul {loom.lowering_config = #loom.lowering_config<register_tiles = [8, 16, 0], root = true>}
      ins(%a, %b : tensor<32x24xf32>, tensor<24x48xf32>) outs(%fill : tensor<32x48xf32>) -> tensor<32x48xf32>
  return %r : tensor<32x48xf32>
}

// -----

// Thread tiles: an scf.forall over the distribution tiles; the register
// level leaves a thread tile that is one register tile as it is.

// DISTRIBUTION-LABEL: func.func @distributed_exp
// DISTRIBUTION: scf.forall ({{.*}}) = (0, 0) to (64, 64) step (1, 16)
// DISTRIBUTION: linalg.generic {{.*}} outs(%{{.*}} : tensor<1x16xf32>)
// THREADTILE-LABEL: func.func @distributed_exp
// THREADTILE: scf.forall
// THREADTILE-NOT: scf.for %
// THREADTILE: linalg.generic {{.*}} outs(%{{.*}} : tensor<1x16xf32>)
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @distributed_exp(%x: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %empty = tensor.empty() : tensor<64x64xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"],
                       loom.lowering_config = #loom.lowering_config<distribution_tiles = [1, 16], register_tiles = [1, 16], vector_sizes = [1, 16], root = true>}
      ins(%x : tensor<64x64xf32>) outs(%empty : tensor<64x64xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    linalg.yield %e : f32
  } -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}

// -----

// An epilogue fuses the contraction it reads (operand 0): the contraction is
// no root and is computed in the epilogue's tiles, where the reduction level
// tiles its K loop.

// REDUCTION-LABEL: func.func @epilogue
// REDUCTION: scf.for %{{.*}} step %c8
// REDUCTION: scf.for %{{.*}} step %c16
// REDUCTION: scf.for %{{.*}} step %c1
// REDUCTION: linalg.matmul {{.*}} tensor<8x1xf32>, tensor<1x16xf32>
// REDUCTION: linalg.generic {{.*}} outs(%{{.*}} : tensor<8x16xf32>)
// REDUCTION-NOT: linalg.matmul
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @epilogue(%a: tensor<32x24xf32>, %b: tensor<24x48xf32>, %c: tensor<32x48xf32>) -> tensor<32x48xf32> {
  %m = linalg.matmul {loom.lowering_config = #loom.lowering_config<register_tiles = [8, 16, 0], reduction_tiles = [0, 0, 1]>}
      ins(%a, %b : tensor<32x24xf32>, tensor<24x48xf32>) outs(%c : tensor<32x48xf32>) -> tensor<32x48xf32>
  %empty = tensor.empty() : tensor<32x48xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"],
                       loom.lowering_config = #loom.lowering_config<register_tiles = [8, 16], root = true, fused_producers = [0]>}
      ins(%m : tensor<32x48xf32>) outs(%empty : tensor<32x48xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    linalg.yield %e : f32
  } -> tensor<32x48xf32>
  return %r : tensor<32x48xf32>
}
