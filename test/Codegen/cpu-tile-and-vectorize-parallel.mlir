// RUN: loom-opt %s -split-input-file -pass-pipeline='builtin.module(loom-cpu-attach-target,func.func(%cpu_tiles_threads4,canonicalize,cse))' | FileCheck %s
// RUN: loom-opt %s -split-input-file -pass-pipeline='builtin.module(loom-cpu-attach-target,func.func(%cpu_tiles,canonicalize,cse))' | FileCheck %s --check-prefix=SEQUENTIAL

// A large matmul (128x256 outputs, K = 64: 2M multiply-adds) under a bias +
// relu epilogue: the 8x16 output tiles are one two-dimensional scf.forall,
// each tile keeps its sequential K loop, and the epilogue is applied to the
// tile's registers before the tile is inserted in parallel.

// CHECK-LABEL: func.func @large_matmul_bias_relu
// CHECK-SAME: (%[[A:.*]]: tensor<128x64xf32>, %[[B:.*]]: tensor<64x256xf32>, %[[BIAS:.*]]: tensor<256xf32>)
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<128x256xf32>
// CHECK: %[[RESULT:.*]] = scf.forall (%[[I:.*]], %[[J:.*]]) = (0, 0) to (128, 256) step (8, 16) shared_outs(%[[OUT:.*]] = %[[EMPTY]]) -> (tensor<128x256xf32>)
// CHECK: %[[ACC:.*]] = scf.for %{{.*}} iter_args(%{{.*}} = %{{.*}}) -> (vector<8x16xf32>)
// CHECK: vector.contract
// CHECK: %[[TILE:.*]] = tensor.extract_slice %[[OUT]][%[[I]], %[[J]]] [8, 16] [1, 1]
// CHECK: %[[SUM:.*]] = arith.addf %[[ACC]], %{{.*}} : vector<8x16xf32>
// CHECK: %[[RELU:.*]] = arith.maximumf %[[SUM]], %{{.*}} : vector<8x16xf32>
// CHECK: %[[WRITTEN:.*]] = vector.transfer_write %[[RELU]], %[[TILE]]
// CHECK: scf.forall.in_parallel
// CHECK-NEXT: tensor.parallel_insert_slice %[[WRITTEN]] into %[[OUT]][%[[I]], %[[J]]] [8, 16] [1, 1]
// CHECK: return %[[RESULT]]

// Without the option the same tiles are nested scf.for loops.
// SEQUENTIAL-LABEL: func.func @large_matmul_bias_relu
// SEQUENTIAL-NOT: scf.forall
// SEQUENTIAL: scf.for
// SEQUENTIAL-NOT: scf.forall
// SEQUENTIAL: return
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d1)>
func.func @large_matmul_bias_relu(%a: tensor<128x64xf32>, %b: tensor<64x256xf32>, %bias: tensor<256xf32>) -> tensor<128x256xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<128x256xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%empty : tensor<128x256xf32>) -> tensor<128x256xf32>
  %mm = linalg.matmul ins(%a, %b : tensor<128x64xf32>, tensor<64x256xf32>) outs(%fill : tensor<128x256xf32>) -> tensor<128x256xf32>
  %r = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%mm, %bias : tensor<128x256xf32>, tensor<256xf32>) outs(%empty : tensor<128x256xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    %m = arith.maximumf %s, %zero : f32
    linalg.yield %m : f32
  } -> tensor<128x256xf32>
  return %r : tensor<128x256xf32>
}

// -----

// A tiny elementwise op (64 elements) is not worth a fork/join: plain loops.

// CHECK-LABEL: func.func @tiny_exp
// CHECK-NOT: scf.forall
// CHECK: scf.for
// CHECK-NOT: scf.forall
// CHECK: return
#elementwise = affine_map<(d0, d1) -> (d0, d1)>
func.func @tiny_exp(%x: tensor<4x16xf32>) -> tensor<4x16xf32> {
  %empty = tensor.empty() : tensor<4x16xf32>
  %r = linalg.generic {indexing_maps = [#elementwise, #elementwise], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4x16xf32>) outs(%empty : tensor<4x16xf32>) {
  ^bb0(%v: f32, %o: f32):
    %e = math.exp %v : f32
    linalg.yield %e : f32
  } -> tensor<4x16xf32>
  return %r : tensor<4x16xf32>
}

// -----

// Plenty of work (8x16 outputs, K = 1024: 128K multiply-adds) but a single
// 8x16 output tile: nothing to distribute, and the reduction is never split.

// CHECK-LABEL: func.func @one_tile_long_reduction
// CHECK-NOT: scf.forall
// CHECK: scf.for %{{.*}} iter_args(%{{.*}}) -> (vector<8x16xf32>)
// CHECK: vector.contract
// CHECK-NOT: scf.forall
// CHECK: return
func.func @one_tile_long_reduction(%a: tensor<8x1024xf32>, %b: tensor<1024x16xf32>) -> tensor<8x16xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<8x16xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%empty : tensor<8x16xf32>) -> tensor<8x16xf32>
  %mm = linalg.matmul ins(%a, %b : tensor<8x1024xf32>, tensor<1024x16xf32>) outs(%fill : tensor<8x16xf32>) -> tensor<8x16xf32>
  return %mm : tensor<8x16xf32>
}

// -----

// A row reduction with enough work: the rows are distributed, each row's sum
// stays in one sequential loop.

// CHECK-LABEL: func.func @row_sums
// CHECK: scf.forall (%[[ROW:.*]]) in (512)
// CHECK: scf.for %{{.*}} iter_args(%{{.*}}) -> (vector<1xf32>)
// CHECK: vector.multi_reduction
// CHECK: scf.forall.in_parallel
// CHECK-NEXT: tensor.parallel_insert_slice %{{.*}} into %{{.*}}[%[[ROW]]] [1] [1]
#rows = affine_map<(d0, d1) -> (d0, d1)>
#sum = affine_map<(d0, d1) -> (d0)>
func.func @row_sums(%x: tensor<512x256xf32>) -> tensor<512xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<512xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%empty : tensor<512xf32>) -> tensor<512xf32>
  %r = linalg.generic {indexing_maps = [#rows, #sum], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<512x256xf32>) outs(%fill : tensor<512xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %s = arith.addf %v, %acc : f32
    linalg.yield %s : f32
  } -> tensor<512xf32>
  return %r : tensor<512xf32>
}

// -----

// A large transpose whose innermost extent (7) gives one-element tiles stays
// sequential: distributing 100K scalar copies costs more in the OpenMP loop
// nest's index arithmetic than the copies themselves.
// CHECK-LABEL: func.func @scalar_tiles_stay_sequential
// CHECK-NOT: scf.forall
// CHECK: scf.for
// CHECK-NOT: scf.forall
// CHECK: return
func.func @scalar_tiles_stay_sequential(%x: tensor<64x32x7x7xf32>) -> tensor<32x64x7x7xf32> {
  %empty = tensor.empty() : tensor<32x64x7x7xf32>
  %t = linalg.transpose ins(%x : tensor<64x32x7x7xf32>) outs(%empty : tensor<32x64x7x7xf32>) permutation = [1, 0, 2, 3]
  return %t : tensor<32x64x7x7xf32>
}
