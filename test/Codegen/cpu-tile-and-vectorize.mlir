// RUN: loom-opt %s -split-input-file -pass-pipeline='builtin.module(loom-cpu-attach-target,func.func(%cpu_tiles,canonicalize,cse))' | FileCheck %s

// A matmul under a bias + relu epilogue: 8x16 register tiles over the
// parallel loops, the fill and matmul fused into the tile, K tiled by 1 with
// the accumulator carried as a vector, the epilogue applied to the registers.

// CHECK-LABEL: func.func @matmul_bias_relu
// CHECK-SAME: (%[[A:.*]]: tensor<32x24xf32>, %[[B:.*]]: tensor<24x48xf32>, %[[BIAS:.*]]: tensor<48xf32>)
// CHECK-DAG: %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : vector<8x16xf32>
// CHECK-DAG: %[[C8:.*]] = arith.constant 8 : index
// CHECK-DAG: %[[C16:.*]] = arith.constant 16 : index
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK: scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %[[C8]]
// CHECK: scf.for %[[J:.*]] = %{{.*}} to %{{.*}} step %[[C16]]
// CHECK: %[[ACC:.*]] = scf.for %[[K:.*]] = %{{.*}} to %{{.*}} step %[[C1]] iter_args(%[[C:.*]] = %[[ZERO]]) -> (vector<8x16xf32>)
// CHECK: %[[LHS:.*]] = vector.transfer_read %[[A]][%[[I]], %[[K]]]{{.*}} vector<8x1xf32>
// CHECK: %[[RHS:.*]] = vector.transfer_read %[[B]][%[[K]], %[[J]]]{{.*}} vector<1x16xf32>
// CHECK: %[[NEXT:.*]] = vector.contract {{.*}} %[[LHS]], %[[RHS]], %[[C]] : vector<8x1xf32>, vector<1x16xf32> into vector<8x16xf32>
// CHECK: scf.yield %[[NEXT]]
// CHECK: %[[ROW:.*]] = vector.transfer_read %[[BIAS]][%[[J]]]{{.*}} vector<8x16xf32>
// CHECK: %[[SUM:.*]] = arith.addf %[[ACC]], %[[ROW]] : vector<8x16xf32>
// CHECK: %[[RELU:.*]] = arith.maximumf %[[SUM]], %[[ZERO]] : vector<8x16xf32>
// CHECK: vector.transfer_write %[[RELU]], %{{.*}}[%[[I]], %[[J]]]
// CHECK-NOT: linalg.
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d1)>
func.func @matmul_bias_relu(%a: tensor<32x24xf32>, %b: tensor<24x48xf32>, %bias: tensor<48xf32>) -> tensor<32x48xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<32x48xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%empty : tensor<32x48xf32>) -> tensor<32x48xf32>
  %mm = linalg.matmul ins(%a, %b : tensor<32x24xf32>, tensor<24x48xf32>) outs(%fill : tensor<32x48xf32>) -> tensor<32x48xf32>
  %r = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%mm, %bias : tensor<32x48xf32>, tensor<48xf32>) outs(%empty : tensor<32x48xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    %m = arith.maximumf %s, %zero : f32
    linalg.yield %m : f32
  } -> tensor<32x48xf32>
  return %r : tensor<32x48xf32>
}

// -----

// Elementwise chains: the innermost loop gets the widest power of two that
// divides it (8 of 40 for f32, 4 of 12 for f64), the others 1.

// CHECK-LABEL: func.func @exp_tanh_f32
// CHECK: scf.for
// CHECK: scf.for %[[J:.*]] = %{{.*}} to %{{.*}} step %[[C8:.*]] iter_args
// CHECK: %[[X:.*]] = vector.transfer_read {{.*}} : tensor<4x40xf32>, vector<1x8xf32>
// CHECK: %[[E:.*]] = math.exp %[[X]] : vector<1x8xf32>
// CHECK: %[[T:.*]] = math.tanh %[[E]] : vector<1x8xf32>
// CHECK: vector.transfer_write %[[T]]
// CHECK-NOT: linalg.
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @exp_tanh_f32(%x: tensor<4x40xf32>) -> tensor<4x40xf32> {
  %empty = tensor.empty() : tensor<4x40xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4x40xf32>) outs(%empty : tensor<4x40xf32>) {
  ^bb0(%a: f32, %o: f32):
    %e = math.exp %a : f32
    %t = math.tanh %e : f32
    linalg.yield %t : f32
  } -> tensor<4x40xf32>
  return %r : tensor<4x40xf32>
}

// CHECK-LABEL: func.func @mul_f64
// CHECK: arith.mulf %{{.*}}, %{{.*}} : vector<1x4xf64>
func.func @mul_f64(%x: tensor<3x12xf64>) -> tensor<3x12xf64> {
  %empty = tensor.empty() : tensor<3x12xf64>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<3x12xf64>) outs(%empty : tensor<3x12xf64>) {
  ^bb0(%a: f64, %o: f64):
    %m = arith.mulf %a, %a : f64
    linalg.yield %m : f64
  } -> tensor<3x12xf64>
  return %r : tensor<3x12xf64>
}

// -----

// A row reduction: one row per tile, the reduced dimension in vectors of 16
// with the partial result carried across the reduction loop.

// CHECK-LABEL: func.func @row_sum
// CHECK: scf.for
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[ACC:.*]] = %{{.*}}) -> (vector<1xf32>)
// CHECK: %[[ROW:.*]] = vector.transfer_read {{.*}} : tensor<8x64xf32>, vector<1x16xf32>
// CHECK: vector.multi_reduction <add>, %[[ROW]], %[[ACC]] [1] : vector<1x16xf32> to vector<1xf32>
// CHECK-NOT: linalg.
func.func @row_sum(%x: tensor<8x64xf32>) -> tensor<8xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<8xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%empty : tensor<8xf32>) -> tensor<8xf32>
  %r = linalg.reduce ins(%x : tensor<8x64xf32>) outs(%fill : tensor<8xf32>) dimensions = [1]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  return %r : tensor<8xf32>
}

// -----

// Ops the vectorizer does not handle stay linalg ops on small tiles and are
// lowered to loops later: here a convolution with fewer output channels (3)
// than an im2col gather pays for (see conv-to-matmul.mlir).

// CHECK-LABEL: func.func @conv
// CHECK: scf.for
// CHECK: linalg.conv_2d_nchw_fchw
// CHECK-SAME: tensor<1x1x1x1xf32>
func.func @conv(%x: tensor<1x2x6x6xf32>, %w: tensor<3x2x3x3xf32>) -> tensor<1x3x4x4xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<1x3x4x4xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x2x6x6xf32>, tensor<3x2x3x3xf32>) outs(%fill : tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  return %r : tensor<1x3x4x4xf32>
}

// -----

// Dynamic shapes are left alone (no static tile divides them).

// CHECK-LABEL: func.func @dynamic
// CHECK-NOT: scf.for
// CHECK: linalg.generic
#id = affine_map<(d0) -> (d0)>
func.func @dynamic(%x: tensor<?xf32>) -> tensor<?xf32> {
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<?xf32>) outs(%x : tensor<?xf32>) {
  ^bb0(%a: f32, %o: f32):
    %n = arith.negf %a : f32
    linalg.yield %n : f32
  } -> tensor<?xf32>
  return %r : tensor<?xf32>
}
