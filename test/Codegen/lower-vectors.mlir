// RUN: loom-opt %s -split-input-file -pass-pipeline='builtin.module(func.func(loom-lower-vectors))' | FileCheck %s

// The accumulator tile read and written in every K step is hoisted out of
// the loop, and the 8x1 * 1x16 contraction becomes eight FMAs on 16 lanes.

// CHECK-LABEL: func.func @matmul_tile
// CHECK-SAME: (%[[A:.*]]: memref<8x4xf32>, %[[B:.*]]: memref<4x16xf32>, %[[C:.*]]: memref<8x16xf32>)
// CHECK: %[[INIT:.*]] = vector.transfer_read %[[C]]
// CHECK: %[[ACC:.*]] = scf.for {{.*}} iter_args(%[[IT:.*]] = %[[INIT]]) -> (vector<8x16xf32>)
// CHECK-COUNT-8: vector.fma %{{.*}}, %{{.*}}, %{{.*}} : vector<16xf32>
// CHECK-NOT: vector.contract
// CHECK: scf.yield
// CHECK: vector.transfer_write %[[ACC]], %[[C]]
#lhs = affine_map<(m, n, k) -> (m, k)>
#rhs = affine_map<(m, n, k) -> (k, n)>
#acc = affine_map<(m, n, k) -> (m, n)>
func.func @matmul_tile(%a: memref<8x4xf32>, %b: memref<4x16xf32>, %c: memref<8x16xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %pad = arith.constant 0.0 : f32
  scf.for %k = %c0 to %c4 step %c1 {
    %lhs = vector.transfer_read %a[%c0, %k], %pad {in_bounds = [true, true]} : memref<8x4xf32>, vector<8x1xf32>
    %rhs = vector.transfer_read %b[%k, %c0], %pad {in_bounds = [true, true]} : memref<4x16xf32>, vector<1x16xf32>
    %acc = vector.transfer_read %c[%c0, %c0], %pad {in_bounds = [true, true]} : memref<8x16xf32>, vector<8x16xf32>
    %r = vector.contract {indexing_maps = [#lhs, #rhs, #acc], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>}
      %lhs, %rhs, %acc : vector<8x1xf32>, vector<1x16xf32> into vector<8x16xf32>
    vector.transfer_write %r, %c[%c0, %c0] {in_bounds = [true, true]} : vector<8x16xf32>, memref<8x16xf32>
  }
  return
}

// -----

// exp, tanh and log on f32 vectors become polynomial approximations in
// vector arithmetic instead of one libm call per lane.

// CHECK-LABEL: func.func @transcendental
// CHECK-NOT: math.exp
// CHECK-NOT: math.tanh
// CHECK-NOT: math.log
// CHECK: math.fma {{.*}} : vector<16xf32>
// CHECK: return
func.func @transcendental(%x: vector<16xf32>) -> vector<16xf32> {
  %e = math.exp %x : vector<16xf32>
  %t = math.tanh %e : vector<16xf32>
  %l = math.log %t : vector<16xf32>
  return %l : vector<16xf32>
}

// -----

// Reductions over the inner dimension become one horizontal reduction per
// row.

// CHECK-LABEL: func.func @row_sums
// CHECK-SAME: (%[[X:.*]]: vector<2x16xf32>, %[[ACC:.*]]: vector<2xf32>)
// CHECK-COUNT-2: vector.reduction <add>, %{{.*}}, %{{.*}} : vector<16xf32> into f32
// CHECK-NOT: vector.multi_reduction
func.func @row_sums(%x: vector<2x16xf32>, %acc: vector<2xf32>) -> vector<2xf32> {
  %r = vector.multi_reduction <add>, %x, %acc [1] : vector<2x16xf32> to vector<2xf32>
  return %r : vector<2xf32>
}

// -----

// A packed matmul tile vectorized from a generic: both operands are read
// with broadcasting permutation maps into the full 8x1x1x16 iteration
// space. The broadcasts fold into the contraction before it is lowered, so
// it still becomes eight FMAs on 16 lanes, not 128 scalar reductions.

// CHECK-LABEL: func.func @packed_matmul_tile
// CHECK-COUNT-8: vector.fma %{{.*}}, %{{.*}}, %{{.*}} : vector<16xf32>
// CHECK-NOT: vector.reduction
// CHECK-NOT: vector.contract
// CHECK: return
#read_lhs = affine_map<(m, k) -> (m, 0, k, 0)>
#read_rhs = affine_map<(no, k, ni) -> (0, no, k, ni)>
#identity = affine_map<(m, no, k, ni) -> (m, no, k, ni)>
#packed_acc = affine_map<(m, no, k, ni) -> (m, no, ni)>
func.func @packed_matmul_tile(%a: memref<8x4xf32>, %b: memref<1x4x16xf32>,
                              %acc: vector<8x1x16xf32>, %k: index) -> vector<8x1x16xf32> {
  %c0 = arith.constant 0 : index
  %pad = arith.constant 0.0 : f32
  %lhs = vector.transfer_read %a[%c0, %k], %pad {in_bounds = [true, true, true, true], permutation_map = #read_lhs} : memref<8x4xf32>, vector<8x1x1x16xf32>
  %rhs = vector.transfer_read %b[%c0, %k, %c0], %pad {in_bounds = [true, true, true, true], permutation_map = #read_rhs} : memref<1x4x16xf32>, vector<8x1x1x16xf32>
  %r = vector.contract {indexing_maps = [#identity, #identity, #packed_acc], iterator_types = ["parallel", "parallel", "reduction", "parallel"], kind = #vector.kind<add>}
    %lhs, %rhs, %acc : vector<8x1x1x16xf32>, vector<8x1x1x16xf32> into vector<8x1x16xf32>
  return %r : vector<8x1x16xf32>
}
