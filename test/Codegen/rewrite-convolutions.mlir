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
  // expected-error @+1 {{cannot be computed with im2col_pixels: it needs static shapes and one element type}}
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>,
                                 loom.lowering_config = #loom.lowering_config<conv_algorithm = im2col_pixels>}
      ins(%x, %w : tensor<1x3x?x10xf32>, tensor<8x3x3x3xf32>) outs(%c : tensor<1x8x?x8xf32>) -> tensor<1x8x?x8xf32>
  return %r : tensor<1x8x?x8xf32>
}
