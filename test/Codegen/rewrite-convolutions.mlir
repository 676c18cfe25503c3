// RUN: loom-opt %s -split-input-file -verify-diagnostics -pass-pipeline='builtin.module(func.func(loom-cpu-rewrite-convolutions))' | FileCheck %s

// The algorithm is the config's (written by hand here), not the pass's.

// CHECK-LABEL: func.func @pixels
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<1x3x3x3x8x8xf32>)
// CHECK: tensor.collapse_shape {{.*}} into tensor<1x27x64xf32>
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<8x27xf32>, tensor<1x27x64xf32>) outs(%{{.*}} : tensor<1x8x64xf32>)
// CHECK: tensor.expand_shape {{.*}} into tensor<1x8x8x8xf32>
// CHECK-NOT: linalg.conv_2d_nchw_fchw
func.func @pixels(%x: tensor<1x3x10x10xf32>, %w: tensor<8x3x3x3xf32>, %c: tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32> {
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>,
                                 loom.lowering_config = #loom.lowering_config<conv_algorithm = im2col_pixels>}
      ins(%x, %w : tensor<1x3x10x10xf32>, tensor<8x3x3x3xf32>) outs(%c : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  return %r : tensor<1x8x8x8xf32>
}

// -----

// The same convolution with the channels as columns.

// CHECK-LABEL: func.func @channels
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<1x8x8x3x3x3xf32>)
// CHECK: linalg.transpose
// CHECK: linalg.transpose
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<64x27xf32>, tensor<27x8xf32>) outs(%{{.*}} : tensor<64x8xf32>)
// CHECK: linalg.transpose
// CHECK-NOT: linalg.conv_2d_nchw_fchw
func.func @channels(%x: tensor<1x3x10x10xf32>, %w: tensor<8x3x3x3xf32>, %c: tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32> {
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>,
                                 loom.lowering_config = #loom.lowering_config<conv_algorithm = im2col_channels>}
      ins(%x, %w : tensor<1x3x10x10xf32>, tensor<8x3x3x3xf32>) outs(%c : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  return %r : tensor<1x8x8x8xf32>
}

// -----

// Direct, or no config: left as written.

// CHECK-LABEL: func.func @direct
// CHECK: linalg.conv_2d_nchw_fchw
// CHECK: linalg.conv_2d_nchw_fchw
func.func @direct(%x: tensor<1x3x10x10xf32>, %w: tensor<8x3x3x3xf32>, %c: tensor<1x8x8x8xf32>) -> (tensor<1x8x8x8xf32>, tensor<1x8x8x8xf32>) {
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>,
                                 loom.lowering_config = #loom.lowering_config<conv_algorithm = direct>}
      ins(%x, %w : tensor<1x3x10x10xf32>, tensor<8x3x3x3xf32>) outs(%c : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  %s = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x3x10x10xf32>, tensor<8x3x3x3xf32>) outs(%c : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  return %r, %s : tensor<1x8x8x8xf32>, tensor<1x8x8x8xf32>
}

// -----

func.func @dynamic(%x: tensor<1x3x?x10xf32>, %w: tensor<8x3x3x3xf32>, %c: tensor<1x8x?x8xf32>) -> tensor<1x8x?x8xf32> {
  // expected-error @+1 {{cannot be computed with im2col_pixels: it needs a linalg.conv_2d_nchw_fchw with static shapes and one element type}}
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>,
                                 loom.lowering_config = #loom.lowering_config<conv_algorithm = im2col_pixels>}
      ins(%x, %w : tensor<1x3x?x10xf32>, tensor<8x3x3x3xf32>) outs(%c : tensor<1x8x?x8xf32>) -> tensor<1x8x?x8xf32>
  return %r : tensor<1x8x?x8xf32>
}

// -----

// col2im: the product columns[(c, i, j), (n, y, x)] = W^T dY (channel-major),
// then each of the 9 taps adds its columns into the strided window of the
// accumulator that it reaches; the accumulator is the scatter's init.

#tc_in = affine_map<(n, c, y, x, o, i, j) -> (n, o, y, x)>
#tc_w = affine_map<(n, c, y, x, o, i, j) -> (o, c, i, j)>
#tc_out = affine_map<(n, c, y, x, o, i, j) -> (n, c, y * 2 + i, x * 2 + j)>
// CHECK-DAG: #[[TAP_MAP:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d0, d2, d3)>
// CHECK-DAG: #[[ID_MAP:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @col2im
// CHECK-SAME: %[[DY:.*]]: tensor<2x4x4x4xf32>, %[[F:.*]]: tensor<4x3x3x3xf32>, %[[ACC:.*]]: tensor<2x3x9x9xf32>
// CHECK: %[[W:.*]] = tensor.collapse_shape %[[F]] {{\[\[}}0], [1, 2, 3]] : tensor<4x3x3x3xf32> into tensor<4x27xf32>
// CHECK: %[[WT:.*]] = linalg.transpose ins(%[[W]] : tensor<4x27xf32>) outs(%{{.*}} : tensor<27x4xf32>) permutation = [1, 0]
// CHECK: %[[DYT:.*]] = linalg.transpose ins(%[[DY]] : tensor<2x4x4x4xf32>) outs(%{{.*}} : tensor<4x2x4x4xf32>) permutation = [1, 0, 2, 3]
// CHECK: %[[DYM:.*]] = tensor.collapse_shape %[[DYT]] {{\[\[}}0], [1, 2, 3]] : tensor<4x2x4x4xf32> into tensor<4x32xf32>
// CHECK: %[[COLS:.*]] = linalg.matmul ins(%[[WT]], %[[DYM]] : tensor<27x4xf32>, tensor<4x32xf32>) outs(%{{.*}} : tensor<27x32xf32>)
// CHECK: %[[TAPS:.*]] = tensor.expand_shape %[[COLS]] {{\[\[}}0, 1, 2], [3, 4, 5]] output_shape [3, 3, 3, 2, 4, 4]
// CHECK: %[[WIN:.*]] = tensor.extract_slice %[[ACC]][0, 0, 0, 0] [2, 3, 4, 4] [1, 1, 2, 2]
// CHECK: %[[TAP:.*]] = tensor.extract_slice %[[TAPS]][0, 0, 0, 0, 0, 0] [3, 1, 1, 2, 4, 4] [1, 1, 1, 1, 1, 1] : tensor<3x3x3x2x4x4xf32> to tensor<3x2x4x4xf32>
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[TAP_MAP]], #[[ID_MAP]]]
// CHECK-SAME: ins(%[[TAP]] : tensor<3x2x4x4xf32>) outs(%[[WIN]] : tensor<2x3x4x4xf32>)
// CHECK: arith.addf
// CHECK: %[[ACC1:.*]] = tensor.insert_slice %[[SUM]] into %[[ACC]][0, 0, 0, 0] [2, 3, 4, 4] [1, 1, 2, 2]
// CHECK: tensor.extract_slice %[[ACC1]][0, 0, 0, 1] [2, 3, 4, 4] [1, 1, 2, 2]
// CHECK-COUNT-7: tensor.insert_slice
// CHECK: %[[LAST:.*]] = tensor.insert_slice %{{.*}} into %{{.*}}[0, 0, 2, 2] [2, 3, 4, 4] [1, 1, 2, 2]
// CHECK-NEXT: return %[[LAST]]
func.func @col2im(%dy: tensor<2x4x4x4xf32>, %f: tensor<4x3x3x3xf32>, %acc: tensor<2x3x9x9xf32>) -> tensor<2x3x9x9xf32> {
  %r = linalg.generic {indexing_maps = [#tc_in, #tc_w, #tc_out],
      iterator_types = ["parallel", "parallel", "reduction", "reduction", "reduction", "reduction", "reduction"],
      loom.lowering_config = #loom.lowering_config<conv_algorithm = col2im>}
      ins(%dy, %f : tensor<2x4x4x4xf32>, tensor<4x3x3x3xf32>) outs(%acc : tensor<2x3x9x9xf32>) {
  ^bb0(%a: f32, %b: f32, %s: f32):
    %m = arith.mulf %a, %b : f32
    %t = arith.addf %s, %m : f32
    linalg.yield %t : f32
  } -> tensor<2x3x9x9xf32>
  return %r : tensor<2x3x9x9xf32>
}

// -----

// A direct transposed convolution is left as written.

#tc_in = affine_map<(n, c, y, x, o, i, j) -> (n, o, y, x)>
#tc_w = affine_map<(n, c, y, x, o, i, j) -> (o, c, i, j)>
#tc_out = affine_map<(n, c, y, x, o, i, j) -> (n, c, y * 2 + i, x * 2 + j)>
// CHECK-LABEL: func.func @col2im_direct
// CHECK: linalg.generic
// CHECK-NOT: linalg.matmul
func.func @col2im_direct(%dy: tensor<1x2x3x3xf32>, %f: tensor<2x1x3x3xf32>, %acc: tensor<1x1x7x7xf32>) -> tensor<1x1x7x7xf32> {
  %r = linalg.generic {indexing_maps = [#tc_in, #tc_w, #tc_out],
      iterator_types = ["parallel", "parallel", "reduction", "reduction", "reduction", "reduction", "reduction"],
      loom.lowering_config = #loom.lowering_config<conv_algorithm = direct>}
      ins(%dy, %f : tensor<1x2x3x3xf32>, tensor<2x1x3x3xf32>) outs(%acc : tensor<1x1x7x7xf32>) {
  ^bb0(%a: f32, %b: f32, %s: f32):
    %m = arith.mulf %a, %b : f32
    %t = arith.addf %s, %m : f32
    linalg.yield %t : f32
  } -> tensor<1x1x7x7xf32>
  return %r : tensor<1x1x7x7xf32>
}

// -----

// col2im of an op that is no transposed convolution.

func.func @col2im_not_transposed(%x: tensor<1x3x10x10xf32>, %w: tensor<8x3x3x3xf32>, %c: tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32> {
  // expected-error @+1 {{cannot be computed with col2im: it is not a transposed convolution}}
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>,
                                 loom.lowering_config = #loom.lowering_config<conv_algorithm = col2im>}
      ins(%x, %w : tensor<1x3x10x10xf32>, tensor<8x3x3x3xf32>) outs(%c : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  return %r : tensor<1x8x8x8xf32>
}
