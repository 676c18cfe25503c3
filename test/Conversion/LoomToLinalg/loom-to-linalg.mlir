// RUN: loom-opt %s -convert-loom-to-linalg -split-input-file | FileCheck %s
// The lowered IR must also bufferize and lower to loops.
// RUN: loom-opt %s -convert-loom-to-linalg -split-input-file \
// RUN:   -one-shot-bufferize=bufferize-function-boundaries \
// RUN:   -convert-linalg-to-loops | FileCheck %s --check-prefix=LOOPS
// LOOPS-NOT: loom.
// LOOPS-NOT: linalg.

// CHECK-DAG: #[[ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @binary
// CHECK-SAME: %[[A:.*]]: tensor<4x8xf32>, %[[B:.*]]: tensor<4x8xf32>
func.func @binary(%a: tensor<4x8xf32>, %b: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // CHECK: %[[INIT:.*]] = tensor.empty() : tensor<4x8xf32>
  // CHECK: %[[ADD:.*]] = linalg.generic
  // CHECK-SAME: indexing_maps = [#[[ID2]], #[[ID2]], #[[ID2]]]
  // CHECK-SAME: iterator_types = ["parallel", "parallel"]
  // CHECK-SAME: ins(%[[A]], %[[B]] : tensor<4x8xf32>, tensor<4x8xf32>) outs(%[[INIT]] : tensor<4x8xf32>)
  // CHECK: ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %{{.*}}: f32):
  // CHECK:   %[[S:.*]] = arith.addf %[[X]], %[[Y]] : f32
  // CHECK:   linalg.yield %[[S]] : f32
  %0 = loom.add %a, %b : tensor<4x8xf32>
  // CHECK: arith.subf
  %1 = loom.sub %0, %b : tensor<4x8xf32>
  // CHECK: arith.mulf
  %2 = loom.mul %1, %b : tensor<4x8xf32>
  // CHECK: arith.divf
  %3 = loom.div %2, %b : tensor<4x8xf32>
  // CHECK: arith.maximumf
  %4 = loom.max %3, %b : tensor<4x8xf32>
  // CHECK: arith.minimumf
  %5 = loom.min %4, %b : tensor<4x8xf32>
  // CHECK: %[[POW:.*]] = linalg.generic
  // CHECK: math.powf
  %6 = loom.pow %5, %b : tensor<4x8xf32>
  // CHECK: return %[[POW]]
  return %6 : tensor<4x8xf32>
}

// -----

// CHECK-LABEL: func.func @unary_math
func.func @unary_math(%x: tensor<16xf64>) -> tensor<16xf64> {
  // CHECK: ^bb0(%[[IN:.*]]: f64, %{{.*}}: f64):
  // CHECK-NEXT: %[[NEG:.*]] = arith.negf %[[IN]] : f64
  // CHECK-NEXT: linalg.yield %[[NEG]]
  %0 = loom.neg %x : tensor<16xf64>
  // CHECK: math.exp
  %1 = loom.exp %0 : tensor<16xf64>
  // CHECK: math.log
  %2 = loom.log %1 : tensor<16xf64>
  // CHECK: math.tanh
  %3 = loom.tanh %2 : tensor<16xf64>
  // CHECK: math.sqrt
  %4 = loom.sqrt %3 : tensor<16xf64>
  // CHECK: math.rsqrt
  %5 = loom.rsqrt %4 : tensor<16xf64>
  // CHECK: math.absf
  %6 = loom.abs %5 : tensor<16xf64>
  // CHECK: ^bb0(%[[SQ:.*]]: f64, %{{.*}}: f64):
  // CHECK-NEXT: arith.mulf %[[SQ]], %[[SQ]] : f64
  %7 = loom.square %6 : tensor<16xf64>
  return %7 : tensor<16xf64>
}

// -----

// CHECK-LABEL: func.func @activations
func.func @activations(%x: tensor<8xf32>) -> tensor<8xf32> {
  // CHECK: ^bb0(%[[R:.*]]: f32, %{{.*}}: f32):
  // CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
  // CHECK-NEXT: %[[MAX:.*]] = arith.maximumf %[[R]], %[[ZERO]] : f32
  // CHECK-NEXT: linalg.yield %[[MAX]]
  %0 = loom.relu %x : tensor<8xf32>
  // CHECK: ^bb0(%[[S:.*]]: f32, %{{.*}}: f32):
  // CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
  // CHECK-NEXT: %[[NS:.*]] = arith.negf %[[S]]
  // CHECK-NEXT: %[[E:.*]] = math.exp %[[NS]]
  // CHECK-NEXT: %[[DEN:.*]] = arith.addf %[[ONE]], %[[E]]
  // CHECK-NEXT: %[[SIG:.*]] = arith.divf %[[ONE]], %[[DEN]]
  // CHECK-NEXT: linalg.yield %[[SIG]]
  %1 = loom.sigmoid %0 : tensor<8xf32>
  // CHECK: ^bb0(%[[G:.*]]: f32, %{{.*}}: f32):
  // CHECK: arith.constant 4.471500e-02 : f32
  // CHECK: arith.constant 0.797884583 : f32
  // CHECK: math.tanh
  // CHECK: arith.constant 5.000000e-01 : f32
  // CHECK: linalg.yield
  %2 = loom.gelu %1 : tensor<8xf32>
  // CHECK: ^bb0(%[[L:.*]]: f32, %{{.*}}: f32):
  // CHECK-NEXT: %[[LZERO:.*]] = arith.constant 0.000000e+00 : f32
  // CHECK-NEXT: %[[POS:.*]] = arith.cmpf ogt, %[[L]], %[[LZERO]] : f32
  // CHECK-NEXT: %[[ALPHA:.*]] = arith.constant 2.000000e-01 : f32
  // CHECK-NEXT: %[[SCALED:.*]] = arith.mulf %[[ALPHA]], %[[L]] : f32
  // CHECK-NEXT: %[[SEL:.*]] = arith.select %[[POS]], %[[L]], %[[SCALED]] : f32
  // CHECK-NEXT: linalg.yield %[[SEL]]
  %3 = loom.leaky_relu %2, 0.2 : tensor<8xf32>
  return %3 : tensor<8xf32>
}

// -----

// CHECK-LABEL: func.func @compare_select
func.func @compare_select(%a: tensor<4xf32>, %b: tensor<4xf32>, %i: tensor<4xi32>, %j: tensor<4xi32>,
                          %p: tensor<4xi1>, %q: tensor<4xi1>) -> (tensor<4xf32>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>) {
  // CHECK: %[[LT:.*]] = linalg.generic
  // CHECK: arith.cmpf olt, %{{.*}}, %{{.*}} : f32
  // CHECK: } -> tensor<4xi1>
  %lt = loom.compare lt, %a, %b : tensor<4xf32>
  // CHECK: ins(%[[LT]], %{{.*}}, %{{.*}} : tensor<4xi1>, tensor<4xf32>, tensor<4xf32>)
  // CHECK: ^bb0(%[[C:.*]]: i1, %[[T:.*]]: f32, %[[F:.*]]: f32, %{{.*}}: f32):
  // CHECK-NEXT: %[[V:.*]] = arith.select %[[C]], %[[T]], %[[F]] : f32
  // CHECK-NEXT: linalg.yield %[[V]]
  %sel = loom.select %lt, %a, %b : tensor<4xi1>, tensor<4xf32>
  // CHECK: arith.cmpf une
  %ne = loom.compare ne, %a, %b : tensor<4xf32>
  // CHECK: arith.cmpi sge, %{{.*}}, %{{.*}} : i32
  %ge = loom.compare ge, %i, %j : tensor<4xi32>
  // CHECK: arith.cmpi ult, %{{.*}}, %{{.*}} : i1
  %blt = loom.compare lt, %p, %q : tensor<4xi1>
  return %sel, %ne, %ge, %blt : tensor<4xf32>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>
}

// -----

// CHECK-LABEL: func.func @convert
func.func @convert(%f: tensor<4xf32>, %i: tensor<4xi32>, %b: tensor<4xi1>)
    -> (tensor<4xf64>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xi64>, tensor<4xi1>, tensor<4xi1>, tensor<4xi32>) {
  // CHECK: arith.extf %{{.*}} : f32 to f64
  %0 = loom.convert %f : tensor<4xf32> -> tensor<4xf64>
  // CHECK: arith.truncf %{{.*}} : f64 to f32
  %1 = loom.convert %0 : tensor<4xf64> -> tensor<4xf32>
  // CHECK: arith.sitofp %{{.*}} : i32 to f32
  %2 = loom.convert %i : tensor<4xi32> -> tensor<4xf32>
  // CHECK: arith.uitofp %{{.*}} : i1 to f32
  %3 = loom.convert %b : tensor<4xi1> -> tensor<4xf32>
  // CHECK: arith.fptosi %{{.*}} : f32 to i64
  %4 = loom.convert %f : tensor<4xf32> -> tensor<4xi64>
  // CHECK: ^bb0(%[[FB:.*]]: f32, %{{.*}}: i1):
  // CHECK-NEXT: %[[FZERO:.*]] = arith.constant 0.000000e+00 : f32
  // CHECK-NEXT: arith.cmpf une, %[[FB]], %[[FZERO]] : f32
  %5 = loom.convert %f : tensor<4xf32> -> tensor<4xi1>
  // CHECK: ^bb0(%[[IB:.*]]: i32, %{{.*}}: i1):
  // CHECK-NEXT: %[[IZERO:.*]] = arith.constant 0 : i32
  // CHECK-NEXT: arith.cmpi ne, %[[IB]], %[[IZERO]] : i32
  %6 = loom.convert %i : tensor<4xi32> -> tensor<4xi1>
  // CHECK: arith.extui %{{.*}} : i1 to i32
  %7 = loom.convert %b : tensor<4xi1> -> tensor<4xi32>
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<4xf64>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xi64>, tensor<4xi1>, tensor<4xi1>, tensor<4xi32>
}

// -----

// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @broadcast_bias
// CHECK-SAME: %[[BIAS:.*]]: tensor<16xf32>
func.func @broadcast_bias(%bias: tensor<16xf32>) -> tensor<8x16xf32> {
  // CHECK: %[[INIT:.*]] = tensor.empty() : tensor<8x16xf32>
  // CHECK: %[[B:.*]] = linalg.generic {indexing_maps = [#[[ROW]], #[[OUT]]], iterator_types = ["parallel", "parallel"]}
  // CHECK-SAME: ins(%[[BIAS]] : tensor<16xf32>) outs(%[[INIT]] : tensor<8x16xf32>)
  // CHECK: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
  // CHECK-NEXT: linalg.yield %[[IN]] : f32
  %b = loom.broadcast_in_dim %bias dims = [1] : tensor<16xf32> -> tensor<8x16xf32>
  // CHECK: return %[[B]]
  return %b : tensor<8x16xf32>
}

// -----

// Size-1 operand dimensions that expand are collapsed away first.
// CHECK-DAG: #[[PROJ:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[ID3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @broadcast_unit_dims
// CHECK-SAME: %[[X:.*]]: tensor<4x1x1xf32>
func.func @broadcast_unit_dims(%x: tensor<4x1x1xf32>) -> tensor<4x5x1xf32> {
  // CHECK: %[[C:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0], [1, 2]] : tensor<4x1x1xf32> into tensor<4x1xf32>
  // CHECK: linalg.generic {indexing_maps = [#[[PROJ]], #[[ID3]]]
  // CHECK-SAME: ins(%[[C]] : tensor<4x1xf32>)
  %b = loom.broadcast_in_dim %x dims = [0, 1, 2] : tensor<4x1x1xf32> -> tensor<4x5x1xf32>
  return %b : tensor<4x5x1xf32>
}

// -----

// CHECK-DAG: #[[SCALAR:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func.func @broadcast_all_unit
// CHECK-SAME: %[[X:.*]]: tensor<1x1xf64>
func.func @broadcast_all_unit(%x: tensor<1x1xf64>) -> tensor<3x2xf64> {
  // CHECK: %[[C:.*]] = tensor.collapse_shape %[[X]] [] : tensor<1x1xf64> into tensor<f64>
  // CHECK: linalg.generic {indexing_maps = [#[[SCALAR]], #{{.*}}]
  // CHECK-SAME: ins(%[[C]] : tensor<f64>)
  %b = loom.broadcast_in_dim %x dims = [0, 1] : tensor<1x1xf64> -> tensor<3x2xf64>
  return %b : tensor<3x2xf64>
}

// -----

// CHECK-LABEL: func.func @matmul_2d
// CHECK-SAME: %[[A:.*]]: tensor<4x3xf32>, %[[B:.*]]: tensor<3x5xf32>
func.func @matmul_2d(%a: tensor<4x3xf32>, %b: tensor<3x5xf32>) -> tensor<4x5xf32> {
  // CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
  // CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<4x5xf32>
  // CHECK: %[[FILL:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[EMPTY]] : tensor<4x5xf32>)
  // CHECK: %[[MM:.*]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<4x3xf32>, tensor<3x5xf32>) outs(%[[FILL]] : tensor<4x5xf32>)
  // CHECK: return %[[MM]]
  %0 = loom.matmul %a, %b : tensor<4x3xf32>, tensor<3x5xf32> -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

// CHECK-LABEL: func.func @matmul_3d
// CHECK-SAME: %[[A:.*]]: tensor<2x4x3xf64>, %[[B:.*]]: tensor<2x3x5xf64>
func.func @matmul_3d(%a: tensor<2x4x3xf64>, %b: tensor<2x3x5xf64>) -> tensor<2x4x5xf64> {
  // CHECK: %[[FILL:.*]] = linalg.fill
  // CHECK: %[[MM:.*]] = linalg.batch_matmul ins(%[[A]], %[[B]] : tensor<2x4x3xf64>, tensor<2x3x5xf64>) outs(%[[FILL]] : tensor<2x4x5xf64>)
  // CHECK: return %[[MM]]
  %0 = loom.matmul %a, %b : tensor<2x4x3xf64>, tensor<2x3x5xf64> -> tensor<2x4x5xf64>
  return %0 : tensor<2x4x5xf64>
}

// -----

// CHECK-LABEL: func.func @matmul_4d
// CHECK-SAME: %[[A:.*]]: tensor<2x3x4x8xf32>, %[[B:.*]]: tensor<2x3x8x5xf32>
func.func @matmul_4d(%a: tensor<2x3x4x8xf32>, %b: tensor<2x3x8x5xf32>) -> tensor<2x3x4x5xf32> {
  // CHECK: %[[LHS:.*]] = tensor.collapse_shape %[[A]] {{\[}}[0, 1], [2], [3]] : tensor<2x3x4x8xf32> into tensor<6x4x8xf32>
  // CHECK: %[[RHS:.*]] = tensor.collapse_shape %[[B]] {{\[}}[0, 1], [2], [3]] : tensor<2x3x8x5xf32> into tensor<6x8x5xf32>
  // CHECK: %[[FILL:.*]] = linalg.fill {{.*}} -> tensor<6x4x5xf32>
  // CHECK: %[[MM:.*]] = linalg.batch_matmul ins(%[[LHS]], %[[RHS]] : tensor<6x4x8xf32>, tensor<6x8x5xf32>) outs(%[[FILL]] : tensor<6x4x5xf32>)
  // CHECK: %[[OUT:.*]] = tensor.expand_shape %[[MM]] {{\[}}[0, 1], [2], [3]] output_shape [2, 3, 4, 5] : tensor<6x4x5xf32> into tensor<2x3x4x5xf32>
  // CHECK: return %[[OUT]]
  %0 = loom.matmul %a, %b : tensor<2x3x4x8xf32>, tensor<2x3x8x5xf32> -> tensor<2x3x4x5xf32>
  return %0 : tensor<2x3x4x5xf32>
}

// -----

// CHECK-LABEL: func.func @conv2d_padded
// CHECK-SAME: %[[IN:.*]]: tensor<2x3x8x8xf32>, %[[F:.*]]: tensor<4x3x3x3xf32>
func.func @conv2d_padded(%in: tensor<2x3x8x8xf32>, %f: tensor<4x3x3x3xf32>) -> tensor<2x4x4x4xf32> {
  // CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
  // CHECK: %[[PAD:.*]] = tensor.pad %[[IN]] low[0, 0, 1, 1] high[0, 0, 1, 1]
  // CHECK:   tensor.yield %[[ZERO]] : f32
  // CHECK: } : tensor<2x3x8x8xf32> to tensor<2x3x10x10xf32>
  // CHECK: %[[FILL:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<2x4x4x4xf32>)
  // CHECK: %[[CONV:.*]] = linalg.conv_2d_nchw_fchw
  // CHECK-SAME: dilations = dense<1> : tensor<2xi64>
  // CHECK-SAME: strides = dense<2> : tensor<2xi64>
  // CHECK-SAME: ins(%[[PAD]], %[[F]] : tensor<2x3x10x10xf32>, tensor<4x3x3x3xf32>) outs(%[[FILL]] : tensor<2x4x4x4xf32>)
  // CHECK: return %[[CONV]]
  %0 = loom.conv2d %in, %f strides = [2, 2] padding = [1, 1] : tensor<2x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<2x4x4x4xf32>
  return %0 : tensor<2x4x4x4xf32>
}

// -----

// CHECK-LABEL: func.func @conv2d_unpadded
// CHECK-SAME: %[[IN:.*]]: tensor<1x1x5x5xf64>, %[[F:.*]]: tensor<2x1x3x3xf64>
func.func @conv2d_unpadded(%in: tensor<1x1x5x5xf64>, %f: tensor<2x1x3x3xf64>) -> tensor<1x2x3x3xf64> {
  // CHECK-NOT: tensor.pad
  // CHECK: linalg.conv_2d_nchw_fchw
  // CHECK-SAME: strides = dense<1> : tensor<2xi64>
  // CHECK-SAME: ins(%[[IN]], %[[F]] : tensor<1x1x5x5xf64>, tensor<2x1x3x3xf64>)
  %0 = loom.conv2d %in, %f strides = [1, 1] padding = [0, 0] : tensor<1x1x5x5xf64>, tensor<2x1x3x3xf64> -> tensor<1x2x3x3xf64>
  return %0 : tensor<1x2x3x3xf64>
}

// -----

// CHECK-LABEL: func.func @conv2d_dilated
func.func @conv2d_dilated(%in: tensor<1x2x9x9xf32>, %f: tensor<4x2x3x3xf32>) -> tensor<1x4x5x5xf32> {
  // CHECK: linalg.conv_2d_nchw_fchw
  // CHECK-SAME: dilations = dense<2> : tensor<2xi64>
  // CHECK-SAME: strides = dense<1> : tensor<2xi64>
  %0 = loom.conv2d %in, %f strides = [1, 1] padding = [0, 0] dilations = [2, 2] : tensor<1x2x9x9xf32>, tensor<4x2x3x3xf32> -> tensor<1x4x5x5xf32>
  return %0 : tensor<1x4x5x5xf32>
}

// -----

// One scatter, out[n, c, y*s + i*d, x*s + j*d] += dY[n, o, y, x] * W[o, c, i,
// j], into a zero buffer that covers every position a tap reaches (2 * 3 + 2
// + 1 = 9 rows here), cropped by the padding. No algorithm is chosen here.
// CHECK-DAG: #[[IN_MAP:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d4, d2, d3)>
// CHECK-DAG: #[[W_MAP:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d4, d1, d5, d6)>
// CHECK-DAG: #[[OUT_MAP:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d2 * 2 + d5, d3 * 2 + d6)>
// CHECK-LABEL: func.func @conv2d_transpose
// CHECK-SAME: %[[DY:.*]]: tensor<2x4x4x4xf32>, %[[F:.*]]: tensor<4x3x3x3xf32>
func.func @conv2d_transpose(%dy: tensor<2x4x4x4xf32>, %f: tensor<4x3x3x3xf32>) -> tensor<2x3x8x8xf32> {
  // CHECK: %[[BUF:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<2x3x9x9xf32>)
  // CHECK: %[[SCATTER:.*]] = linalg.generic {indexing_maps = [#[[IN_MAP]], #[[W_MAP]], #[[OUT_MAP]]],
  // CHECK-SAME: iterator_types = ["parallel", "parallel", "reduction", "reduction", "reduction", "reduction", "reduction"]
  // CHECK-SAME: ins(%[[DY]], %[[F]] : tensor<2x4x4x4xf32>, tensor<4x3x3x3xf32>) outs(%[[BUF]] : tensor<2x3x9x9xf32>)
  // CHECK: ^bb0(%[[A:.*]]: f32, %[[B:.*]]: f32, %[[ACC:.*]]: f32):
  // CHECK-NEXT: %[[MUL:.*]] = arith.mulf %[[A]], %[[B]]
  // CHECK-NEXT: %[[ADD:.*]] = arith.addf %[[ACC]], %[[MUL]]
  // CHECK-NEXT: linalg.yield %[[ADD]]
  // CHECK-NOT: linalg.matmul
  // CHECK: %[[RESULT:.*]] = tensor.extract_slice %[[SCATTER]][0, 0, 1, 1] [2, 3, 8, 8] [1, 1, 1, 1] : tensor<2x3x9x9xf32> to tensor<2x3x8x8xf32>
  // CHECK: return %[[RESULT]]
  %0 = loom.conv2d_transpose %dy, %f strides = [2, 2] padding = [1, 1] : tensor<2x4x4x4xf32>, tensor<4x3x3x3xf32> -> tensor<2x3x8x8xf32>
  return %0 : tensor<2x3x8x8xf32>
}

// -----

// Dilated, with output padding: the buffer is the larger of the reach
// ((3 - 1) * 2 + (2 - 1) * 2 + 1 = 7) and padding + result (0 + 8).
// CHECK-DAG: #[[DIL_MAP:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d2 * 2 + d5 * 2, d3 * 2 + d6 * 2)>
// CHECK-LABEL: func.func @conv2d_transpose_dilated
func.func @conv2d_transpose_dilated(%dy: tensor<1x2x3x3xf32>, %f: tensor<2x1x2x2xf32>) -> tensor<1x1x8x8xf32> {
  // CHECK: linalg.fill {{.*}} -> tensor<1x1x8x8xf32>
  // CHECK: linalg.generic {indexing_maps = [#{{.*}}, #{{.*}}, #[[DIL_MAP]]]
  // CHECK: tensor.extract_slice %{{.*}}[0, 0, 0, 0] [1, 1, 8, 8] [1, 1, 1, 1]
  %0 = loom.conv2d_transpose %dy, %f strides = [2, 2] padding = [0, 0] dilations = [2, 2] : tensor<1x2x3x3xf32>, tensor<2x1x2x2xf32> -> tensor<1x1x8x8xf32>
  return %0 : tensor<1x1x8x8xf32>
}

// -----

// CHECK-LABEL: func.func @reductions
// CHECK-SAME: %[[X:.*]]: tensor<4x6x8xf32>
func.func @reductions(%x: tensor<4x6x8xf32>) -> (tensor<6xf32>, tensor<4x6xf32>, tensor<4xf32>) {
  // CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
  // CHECK: %[[FILL:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<6xf32>)
  // CHECK: %[[SUM:.*]] = linalg.reduce ins(%[[X]] : tensor<4x6x8xf32>) outs(%[[FILL]] : tensor<6xf32>) dimensions = [0, 2]
  // CHECK:   (%[[IN:.*]]: f32, %[[ACC:.*]]: f32) {
  // CHECK:     %[[ADD:.*]] = arith.addf %[[IN]], %[[ACC]] : f32
  // CHECK:     linalg.yield %[[ADD]] : f32
  %sum = loom.reduce_sum %x axes = [0, 2] : tensor<4x6x8xf32> -> tensor<6xf32>
  // CHECK: %[[NEGINF:.*]] = arith.constant 0xFF800000 : f32
  // CHECK: %[[MFILL:.*]] = linalg.fill ins(%[[NEGINF]] : f32)
  // CHECK: %[[MAX:.*]] = linalg.reduce ins(%[[X]] : tensor<4x6x8xf32>) outs(%[[MFILL]] : tensor<4x6xf32>) dimensions = [2]
  // CHECK:     arith.maximumf
  %max = loom.reduce_max %x axes = [2] : tensor<4x6x8xf32> -> tensor<4x6xf32>
  // CHECK: %[[MSUM:.*]] = linalg.reduce ins(%[[X]] : tensor<4x6x8xf32>) outs(%{{.*}} : tensor<4xf32>) dimensions = [1, 2]
  // CHECK: %[[MEAN:.*]] = linalg.generic
  // CHECK-SAME: ins(%[[MSUM]] : tensor<4xf32>)
  // CHECK: ^bb0(%[[S:.*]]: f32, %{{.*}}: f32):
  // CHECK-NEXT: %[[COUNT:.*]] = arith.constant 4.800000e+01 : f32
  // CHECK-NEXT: %[[DIV:.*]] = arith.divf %[[S]], %[[COUNT]] : f32
  // CHECK-NEXT: linalg.yield %[[DIV]]
  %mean = loom.reduce_mean %x axes = [1, 2] : tensor<4x6x8xf32> -> tensor<4xf32>
  // CHECK: return %[[SUM]], %[[MAX]], %[[MEAN]]
  return %sum, %max, %mean : tensor<6xf32>, tensor<4x6xf32>, tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @reshapes
// CHECK-SAME: %[[X:.*]]: tensor<2x3x4xf32>
func.func @reshapes(%x: tensor<2x3x4xf32>) -> (tensor<6x4xf32>, tensor<2x3x2x2xf32>, tensor<4x6xf32>, tensor<1x24xf32>) {
  // CHECK: %[[C:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1], [2]] : tensor<2x3x4xf32> into tensor<6x4xf32>
  %collapse = loom.reshape %x : tensor<2x3x4xf32> -> tensor<6x4xf32>
  // CHECK: %[[E:.*]] = tensor.expand_shape %[[X]] {{\[}}[0], [1], [2, 3]] output_shape [2, 3, 2, 2] : tensor<2x3x4xf32> into tensor<2x3x2x2xf32>
  %expand = loom.reshape %x : tensor<2x3x4xf32> -> tensor<2x3x2x2xf32>
  // No direct reassociation: through 1-D.
  // CHECK: %[[FLAT:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1, 2]] : tensor<2x3x4xf32> into tensor<24xf32>
  // CHECK: %[[R:.*]] = tensor.expand_shape %[[FLAT]] {{\[}}[0, 1]] output_shape [4, 6] : tensor<24xf32> into tensor<4x6xf32>
  %regroup = loom.reshape %x : tensor<2x3x4xf32> -> tensor<4x6xf32>
  // CHECK: %[[U:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1, 2]] : tensor<2x3x4xf32> into tensor<24xf32>
  // CHECK: %[[UNIT:.*]] = tensor.expand_shape %[[U]] {{\[}}[0, 1]] output_shape [1, 24] : tensor<24xf32> into tensor<1x24xf32>
  %unit = loom.reshape %x : tensor<2x3x4xf32> -> tensor<1x24xf32>
  // CHECK: return %[[C]], %[[E]], %[[R]], %[[UNIT]]
  return %collapse, %expand, %regroup, %unit : tensor<6x4xf32>, tensor<2x3x2x2xf32>, tensor<4x6xf32>, tensor<1x24xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_scalar
// CHECK-SAME: %[[X:.*]]: tensor<1x1xi64>, %[[Y:.*]]: tensor<i64>
func.func @reshape_scalar(%x: tensor<1x1xi64>, %y: tensor<i64>) -> (tensor<i64>, tensor<1xi64>) {
  // CHECK: %[[S:.*]] = tensor.collapse_shape %[[X]] [] : tensor<1x1xi64> into tensor<i64>
  %s = loom.reshape %x : tensor<1x1xi64> -> tensor<i64>
  // CHECK: %[[V:.*]] = tensor.expand_shape %[[Y]] [] output_shape [1] : tensor<i64> into tensor<1xi64>
  %v = loom.reshape %y : tensor<i64> -> tensor<1xi64>
  // CHECK: return %[[S]], %[[V]]
  return %s, %v : tensor<i64>, tensor<1xi64>
}

// -----

// CHECK-LABEL: func.func @layout
// CHECK-SAME: %[[X:.*]]: tensor<4x6xf32>, %[[Y:.*]]: tensor<4x2xf32>
func.func @layout(%x: tensor<4x6xf32>, %y: tensor<4x2xf32>) -> (tensor<6x4xf32>, tensor<2x3xf32>, tensor<4x10xf32>) {
  // CHECK: %[[INIT:.*]] = tensor.empty() : tensor<6x4xf32>
  // CHECK: %[[T:.*]] = linalg.transpose ins(%[[X]] : tensor<4x6xf32>) outs(%[[INIT]] : tensor<6x4xf32>) permutation = [1, 0]
  %t = loom.transpose %x perm = [1, 0] : tensor<4x6xf32> -> tensor<6x4xf32>
  // CHECK: %[[S:.*]] = tensor.extract_slice %[[X]][1, 0] [2, 3] [2, 2] : tensor<4x6xf32> to tensor<2x3xf32>
  %s = loom.slice %x start = [1, 0] limit = [4, 6] strides = [2, 2] : tensor<4x6xf32> -> tensor<2x3xf32>
  // CHECK: %[[E:.*]] = tensor.empty() : tensor<4x10xf32>
  // CHECK: %[[I0:.*]] = tensor.insert_slice %[[X]] into %[[E]][0, 0] [4, 6] [1, 1] : tensor<4x6xf32> into tensor<4x10xf32>
  // CHECK: %[[I1:.*]] = tensor.insert_slice %[[Y]] into %[[I0]][0, 6] [4, 2] [1, 1] : tensor<4x2xf32> into tensor<4x10xf32>
  // CHECK: %[[I2:.*]] = tensor.insert_slice %[[Y]] into %[[I1]][0, 8] [4, 2] [1, 1] : tensor<4x2xf32> into tensor<4x10xf32>
  %c = loom.concat %x, %y, %y axis = 1 : (tensor<4x6xf32>, tensor<4x2xf32>, tensor<4x2xf32>) -> tensor<4x10xf32>
  // CHECK: return %[[T]], %[[S]], %[[I2]]
  return %t, %s, %c : tensor<6x4xf32>, tensor<2x3xf32>, tensor<4x10xf32>
}

// -----

// CHECK-LABEL: func.func @sources
func.func @sources() -> (tensor<2xf32>, tensor<3x4xi32>, tensor<3xf64>) {
  // CHECK: %[[C:.*]] = arith.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
  %c = loom.constant dense<[1.0, 2.0]> : tensor<2xf32>
  // CHECK: %[[I:.*]] = linalg.generic
  // CHECK-NEXT: ^bb0(%{{.*}}: i32):
  // CHECK-NEXT: %[[IDX:.*]] = linalg.index 1 : index
  // CHECK-NEXT: %[[CAST:.*]] = arith.index_cast %[[IDX]] : index to i32
  // CHECK-NEXT: linalg.yield %[[CAST]]
  // CHECK-NEXT: } -> tensor<3x4xi32>
  %i = loom.iota dim = 1 : tensor<3x4xi32>
  // CHECK: %[[F:.*]] = linalg.generic
  // CHECK: linalg.index 0
  // CHECK: arith.index_cast %{{.*}} : index to i64
  // CHECK: arith.sitofp %{{.*}} : i64 to f64
  %f = loom.iota dim = 0 : tensor<3xf64>
  // CHECK: return %[[C]], %[[I]], %[[F]]
  return %c, %i, %f : tensor<2xf32>, tensor<3x4xi32>, tensor<3xf64>
}

// -----

// CHECK-LABEL: func.func @random_uniform
// CHECK-SAME: %[[SEED:.*]]: tensor<i64>
func.func @random_uniform(%seed: tensor<i64>) -> tensor<2x3xf32> {
  // The key mixes seed ^ (stream * golden gamma); 7 * 0x9E3779B97F4A7C15 wraps to 0x538454127B096493.
  // CHECK: %[[S:.*]] = tensor.extract %[[SEED]][] : tensor<i64>
  // CHECK: %[[STREAM:.*]] = arith.constant 6018027440424182931 : i64
  // CHECK: %[[K0:.*]] = arith.xori %[[S]], %[[STREAM]] : i64
  // CHECK-COUNT-3: arith.shrui
  // CHECK: %[[KEY:.*]] = arith.xori
  // CHECK: linalg.generic
  // CHECK: ^bb0(%{{.*}}: f32):
  // CHECK-DAG: %[[I0:.*]] = linalg.index 0 : index
  // CHECK-DAG: %[[I1:.*]] = linalg.index 1 : index
  // CHECK-DAG: %[[ROW:.*]] = arith.index_castui %[[I0]] : index to i64
  // CHECK-DAG: %[[COL:.*]] = arith.index_castui %[[I1]] : index to i64
  // CHECK-DAG: %[[THREE:.*]] = arith.constant 3 : i64
  // CHECK: %[[RS:.*]] = arith.muli %[[ROW]], %[[THREE]] : i64
  // CHECK: %[[LIN:.*]] = arith.addi %[[RS]], %[[COL]] : i64
  // CHECK: %[[GAMMA:.*]] = arith.constant -7046029254386353131 : i64
  // CHECK: %[[STEP:.*]] = arith.muli %[[LIN]], %[[GAMMA]] : i64
  // CHECK: %[[CTR:.*]] = arith.addi %[[KEY]], %[[STEP]] : i64
  // CHECK: %[[SH40:.*]] = arith.constant 40 : i64
  // CHECK: %[[TOP:.*]] = arith.shrui %{{.*}}, %[[SH40]] : i64
  // CHECK: %[[T32:.*]] = arith.trunci %[[TOP]] : i64 to i32
  // CHECK: %[[FL:.*]] = arith.sitofp %[[T32]] : i32 to f32
  // CHECK: %[[SCALE:.*]] = arith.constant 5.96046448E-8 : f32
  // CHECK: %[[U:.*]] = arith.mulf %[[FL]], %[[SCALE]] : f32
  // CHECK: linalg.yield %[[U]] : f32
  %r = loom.random_uniform %seed stream = 7 : tensor<i64> -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @random_normal
// CHECK-SAME: %[[SEED:.*]]: tensor<i64>
func.func @random_normal(%seed: tensor<i64>) -> tensor<5xf64> {
  // CHECK: tensor.extract %[[SEED]][]
  // CHECK: linalg.generic
  // CHECK: ^bb0(%{{.*}}: f64):
  // CHECK: %[[C40:.*]] = arith.constant 40 : i64
  // CHECK-NEXT: %[[TOP:.*]] = arith.shrui %[[BITS:.*]], %[[C40]] : i64
  // CHECK-NEXT: %[[ONE:.*]] = arith.constant 1 : i64
  // CHECK-NEXT: %[[TOP1:.*]] = arith.addi %[[TOP]], %[[ONE]] : i64
  // CHECK-NEXT: %[[T1:.*]] = arith.trunci %[[TOP1]] : i64 to i32
  // CHECK-NEXT: %[[F1:.*]] = arith.sitofp %[[T1]] : i32 to f64
  // CHECK-NEXT: %[[SCALE1:.*]] = arith.constant 5.9604644775390625E-8 : f64
  // CHECK-NEXT: %[[U1:.*]] = arith.mulf %[[F1]], %[[SCALE1]] : f64
  // CHECK-NEXT: %[[C16:.*]] = arith.constant 16 : i64
  // CHECK-NEXT: %[[MID:.*]] = arith.shrui %[[BITS]], %[[C16]] : i64
  // CHECK-NEXT: %[[MASK:.*]] = arith.constant 16777215 : i64
  // CHECK-NEXT: %[[LOW24:.*]] = arith.andi %[[MID]], %[[MASK]] : i64
  // CHECK-NEXT: %[[T2:.*]] = arith.trunci %[[LOW24]] : i64 to i32
  // CHECK-NEXT: %[[F2:.*]] = arith.sitofp %[[T2]] : i32 to f64
  // CHECK-NEXT: %[[SCALE2:.*]] = arith.constant 5.9604644775390625E-8 : f64
  // CHECK-NEXT: %[[U2:.*]] = arith.mulf %[[F2]], %[[SCALE2]] : f64
  // CHECK-NEXT: %[[LOG:.*]] = math.log %[[U1]] : f64
  // CHECK-NEXT: %[[M2:.*]] = arith.constant -2.000000e+00 : f64
  // CHECK-NEXT: %[[PROD:.*]] = arith.mulf %[[M2]], %[[LOG]] : f64
  // CHECK-NEXT: %[[RADIUS:.*]] = math.sqrt %[[PROD]] : f64
  // CHECK-NEXT: %[[TWOPI:.*]] = arith.constant 6.2831853071795862 : f64
  // CHECK-NEXT: %[[ANGLE:.*]] = arith.mulf %[[TWOPI]], %[[U2]] : f64
  // CHECK-NEXT: %[[COS:.*]] = math.cos %[[ANGLE]] : f64
  // CHECK-NEXT: %[[Z:.*]] = arith.mulf %[[RADIUS]], %[[COS]] : f64
  // CHECK-NEXT: linalg.yield %[[Z]] : f64
  %r = loom.random_normal %seed stream = 0 : tensor<i64> -> tensor<5xf64>
  return %r : tensor<5xf64>
}
