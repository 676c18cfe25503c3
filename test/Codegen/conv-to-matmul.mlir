// RUN: loom-opt %s -split-input-file -pass-pipeline='builtin.module(loom-cpu-attach-target,func.func(%cpu_tiles,canonicalize,cse))' | FileCheck %s

// Convolutions become an im2col gather and a matrix product on register
// tiles. With 16 output pixels the pixels are the product's columns, so the
// result is NCHW without transposes and the zero fill is fused into the tiles.

// CHECK-LABEL: func.func @conv_pixel_columns
// CHECK-NOT: linalg.conv_2d_nchw_fchw
// CHECK-DAG: %[[ZERO:.+]] = arith.constant dense<0.000000e+00> : vector<1x8x16xf32>
// CHECK: %[[WINDOWS:.+]] = scf.for {{.*}} -> (tensor<1x2x3x3x4x4xf32>)
// CHECK: linalg.generic
// CHECK: %[[COLUMNS:.+]] = tensor.collapse_shape %[[WINDOWS]] {{\[}}[0], [1, 2, 3], [4, 5]] : tensor<1x2x3x3x4x4xf32> into tensor<1x18x16xf32>
// CHECK: %[[FILTER:.+]] = tensor.collapse_shape %{{.+}} {{\[}}[0], [1, 2, 3]] : tensor<8x2x3x3xf32> into tensor<8x18xf32>
// CHECK: %[[PRODUCT:.+]] = scf.for {{.*}} iter_args(%[[ACC:.+]] = %[[ZERO]]) -> (vector<1x8x16xf32>)
// CHECK-DAG: %[[W:.+]] = vector.transfer_read %[[FILTER]]
// CHECK-DAG: %[[COL:.+]] = vector.transfer_read %[[COLUMNS]]
// CHECK: vector.contract {{.*}} %[[W]], %[[COL]], %[[ACC]] : vector<1x8x16x1xf32>, vector<1x8x16x1xf32> into vector<1x8x16xf32>
// CHECK: %[[RESULT:.+]] = vector.transfer_write %[[PRODUCT]]
// CHECK: tensor.expand_shape %[[RESULT]] {{.*}} : tensor<1x8x16xf32> into tensor<1x8x4x4xf32>
func.func @conv_pixel_columns(%x: tensor<1x2x6x6xf32>, %w: tensor<8x2x3x3xf32>) -> tensor<1x8x4x4xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<1x8x4x4xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x2x6x6xf32>, tensor<8x2x3x3xf32>) outs(%fill : tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
  return %r : tensor<1x8x4x4xf32>
}

// -----

// 3x3 output pixels fill no register but 16 channels do: the gathered
// windows are the rows of a linalg.matmul with the transposed filter, and the
// NHWC product is transposed back to NCHW.

// CHECK-LABEL: func.func @conv_channel_columns
// CHECK-NOT: linalg.conv_2d_nchw_fchw
// CHECK-DAG: %[[ZERO:.+]] = arith.constant dense<0.000000e+00> : vector<2x16xf32>
// CHECK: %[[WINDOWS:.+]] = scf.for {{.*}} -> (tensor<2x3x3x8x3x3xf32>)
// CHECK: linalg.generic
// CHECK: %[[ROWS:.+]] = tensor.collapse_shape %[[WINDOWS]] {{\[}}[0, 1, 2], [3, 4, 5]] : tensor<2x3x3x8x3x3xf32> into tensor<18x72xf32>
// CHECK: %[[FILTER_T:.+]] = scf.for {{.*}} -> (tensor<72x16xf32>)
// CHECK: scf.for {{.*}} -> (tensor<18x16xf32>)
// CHECK: scf.for {{.*}} iter_args(%[[ACC:.+]] = %[[ZERO]]) -> (vector<2x16xf32>)
// CHECK-DAG: %[[ROW:.+]] = vector.transfer_read %[[ROWS]]{{.*}} vector<2x1xf32>
// CHECK-DAG: %[[W:.+]] = vector.transfer_read %[[FILTER_T]]{{.*}} vector<1x16xf32>
// CHECK: vector.contract {{.*}} %[[ROW]], %[[W]], %[[ACC]] : vector<2x1xf32>, vector<1x16xf32> into vector<2x16xf32>
// CHECK: %[[NHWC:.+]] = tensor.expand_shape {{.*}} : tensor<18x16xf32> into tensor<2x3x3x16xf32>
// CHECK: scf.for {{.*}} -> (tensor<2x16x3x3xf32>)
// CHECK: vector.transfer_read %[[NHWC]]
func.func @conv_channel_columns(%x: tensor<2x8x7x7xf32>, %w: tensor<16x8x3x3xf32>) -> tensor<2x16x3x3xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<2x16x3x3xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%empty : tensor<2x16x3x3xf32>) -> tensor<2x16x3x3xf32>
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%x, %w : tensor<2x8x7x7xf32>, tensor<16x8x3x3xf32>) outs(%fill : tensor<2x16x3x3xf32>) -> tensor<2x16x3x3xf32>
  return %r : tensor<2x16x3x3xf32>
}

// -----

// A matrix product whose left operand is an elementwise expression fused into
// the body is not a contraction, but it is vectorized like one: 8 rows by one
// register of output columns, K tiled by 1, the accumulator carried in
// registers, and no horizontal reduction.

#lhs = affine_map<(m, n, k) -> (m, k)>
#rhs = affine_map<(m, n, k) -> (k, n)>
#out = affine_map<(m, n, k) -> (m, n)>
// CHECK-LABEL: func.func @fused_prologue_matmul
// CHECK-DAG: %[[ZERO:.+]] = arith.constant dense<0.000000e+00> : vector<8x16xf32>
// CHECK: scf.for {{.*}} -> (tensor<8x32xf32>)
// CHECK: scf.for {{.*}} iter_args(%[[ACC:.+]] = %[[ZERO]]) -> (vector<8x16xf32>)
// CHECK: %[[EXP:.+]] = math.exp {{.*}} : vector<8x16x1xf32>
// CHECK: %[[SUM:.+]] = vector.contract {{.*}} %[[EXP]], %{{.+}}, %[[ACC]] : vector<8x16x1xf32>, vector<8x16x1xf32> into vector<8x16xf32>
// CHECK: scf.yield %[[SUM]] : vector<8x16xf32>
// CHECK-NOT: vector.multi_reduction
// CHECK-NOT: vector.reduction
func.func @fused_prologue_matmul(%a: tensor<8x4xf32>, %b: tensor<4x32xf32>) -> tensor<8x32xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<8x32xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%empty : tensor<8x32xf32>) -> tensor<8x32xf32>
  %r = linalg.generic {indexing_maps = [#lhs, #rhs, #out], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<8x4xf32>, tensor<4x32xf32>) outs(%fill : tensor<8x32xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %e = math.exp %x : f32
    %p = arith.mulf %e, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<8x32xf32>
  return %r : tensor<8x32xf32>
}
