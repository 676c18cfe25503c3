// RUN: loom-opt %s -pass-pipeline='builtin.module(func.func(loom-hoist-accumulators))' | FileCheck %s

// The accumulator read and written at the same place in every iteration is
// carried by the loop as a vector: one read before, one write after.

// CHECK-LABEL: func.func @accumulate
// CHECK: %[[INIT:.*]] = vector.transfer_read %{{.*}} : tensor<8x16xf32>, vector<8x16xf32>
// CHECK: %[[LOOP:.*]]:2 = scf.for {{.*}} iter_args(%{{.*}} = %{{.*}}, %[[ACC:.*]] = %[[INIT]])
// CHECK-NOT: vector.transfer_read %{{.*}} : tensor<8x16xf32>, vector<8x16xf32>
// CHECK: vector.contract
// CHECK: scf.yield
// CHECK: vector.transfer_write %[[LOOP]]#1
func.func @accumulate(%a: tensor<8x24xf32>, %b: tensor<24x16xf32>, %c: tensor<8x16xf32>) -> tensor<8x16xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c24 = arith.constant 24 : index
  %pad = arith.constant 0.0 : f32
  %r = scf.for %k = %c0 to %c24 step %c1 iter_args(%t = %c) -> (tensor<8x16xf32>) {
    %lhs = vector.transfer_read %a[%c0, %k], %pad {in_bounds = [true, true]} : tensor<8x24xf32>, vector<8x1xf32>
    %rhs = vector.transfer_read %b[%k, %c0], %pad {in_bounds = [true, true]} : tensor<24x16xf32>, vector<1x16xf32>
    %acc = vector.transfer_read %t[%c0, %c0], %pad {in_bounds = [true, true]} : tensor<8x16xf32>, vector<8x16xf32>
    %next = vector.contract {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>],
                             iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>}
        %lhs, %rhs, %acc : vector<8x1xf32>, vector<1x16xf32> into vector<8x16xf32>
    %w = vector.transfer_write %next, %t[%c0, %c0] {in_bounds = [true, true]} : vector<8x16xf32>, tensor<8x16xf32>
    scf.yield %w : tensor<8x16xf32>
  }
  return %r : tensor<8x16xf32>
}
