// Attributes out of range: axes, permutations, slice bounds and strides,
// convolution strides, padding and dilations, broadcast dimensions, enum
// values and the runtime's argument attributes. Each is one diagnostic at the
// op (or function) and exit status 1.
//
// RUN: rm -rf %t && split-file --leading-lines %s %t
// RUN: for case in axis axis-negative axes-order perm-duplicate perm-short \
// RUN:     slice-bounds slice-empty slice-stride-zero slice-stride-negative \
// RUN:     conv-padding conv-stride conv-dilation conv-overflow \
// RUN:     conv-transpose-stride broadcast concat-axis iota predicate \
// RUN:     init-kind init-scale tied-to; do \
// RUN:   not loomc %t/$case.mlir --run 2>&1 | FileCheck %s --implicit-check-not=error: \
// RUN:       --check-prefix=$(echo $case | tr a-z- A-Z_) || exit 1; \
// RUN: done

//--- axis.mlir
func.func @f(%a: tensor<2x3xf32>) -> tensor<2xf32> {
  %0 = loom.reduce_sum %a axes = [5] : tensor<2x3xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
// AXIS: axis.mlir:[[@LINE-3]]:8: error: 'loom.reduce_sum' axis 5 is out of range for a tensor of rank 2

//--- axis-negative.mlir
func.func @f(%a: tensor<2x3xf32>) -> tensor<2xf32> {
  %0 = loom.reduce_max %a axes = [-1] : tensor<2x3xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
// AXIS_NEGATIVE: axis-negative.mlir:[[@LINE-3]]:8: error: 'loom.reduce_max' axis -1 is out of range for a tensor of rank 2

//--- axes-order.mlir
func.func @f(%a: tensor<2x3xf32>) -> tensor<f32> {
  %0 = loom.reduce_mean %a axes = [1, 0] : tensor<2x3xf32> -> tensor<f32>
  return %0 : tensor<f32>
}
// AXES_ORDER: axes-order.mlir:[[@LINE-3]]:8: error: 'loom.reduce_mean' axis must be strictly increasing, got [1, 0]

//--- perm-duplicate.mlir
func.func @f(%a: tensor<2x3xf32>) -> tensor<3x2xf32> {
  %0 = loom.transpose %a perm = [1, 1] : tensor<2x3xf32> -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}
// PERM_DUPLICATE: perm-duplicate.mlir:[[@LINE-3]]:8: error: 'loom.transpose' permutation [1, 1] is not a permutation of 0..1

//--- perm-short.mlir
func.func @f(%a: tensor<2x3xf32>) -> tensor<3x2xf32> {
  %0 = loom.transpose %a perm = [1] : tensor<2x3xf32> -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}
// PERM_SHORT: perm-short.mlir:[[@LINE-3]]:8: error: 'loom.transpose' permutation [1] has 1 entries for a tensor of rank 2

//--- slice-bounds.mlir
func.func @f(%a: tensor<4xf32>) -> tensor<2xf32> {
  %0 = loom.slice %a start = [3] limit = [9] strides = [1] : tensor<4xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
// SLICE_BOUNDS: slice-bounds.mlir:[[@LINE-3]]:8: error: 'loom.slice' range [3, 9) in dimension 0 must be non-empty and within size 4

//--- slice-empty.mlir
func.func @f(%a: tensor<4xf32>) -> tensor<0xf32> {
  %0 = loom.slice %a start = [2] limit = [2] strides = [1] : tensor<4xf32> -> tensor<0xf32>
  return %0 : tensor<0xf32>
}
// SLICE_EMPTY: slice-empty.mlir:[[@LINE-3]]:8: error: 'loom.slice' range [2, 2) in dimension 0 must be non-empty and within size 4

//--- slice-stride-zero.mlir
func.func @f(%a: tensor<4xf32>) -> tensor<2xf32> {
  %0 = loom.slice %a start = [0] limit = [4] strides = [0] : tensor<4xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
// SLICE_STRIDE_ZERO: slice-stride-zero.mlir:[[@LINE-3]]:8: error: 'loom.slice' stride 0 in dimension 0 must be positive

//--- slice-stride-negative.mlir
func.func @f(%a: tensor<4xf32>) -> tensor<2xf32> {
  %0 = loom.slice %a start = [0] limit = [4] strides = [-2] : tensor<4xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
// SLICE_STRIDE_NEGATIVE: slice-stride-negative.mlir:[[@LINE-3]]:8: error: 'loom.slice' stride -2 in dimension 0 must be positive

//--- conv-padding.mlir
func.func @f(%x: tensor<1x1x4x4xf32>, %w: tensor<1x1x3x3xf32>) -> tensor<1x1x2x2xf32> {
  %0 = loom.conv2d %x, %w strides = [1, 1] padding = [-1, 0] : tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32> -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}
// CONV_PADDING: conv-padding.mlir:[[@LINE-3]]:8: error: 'loom.conv2d' strides and dilations must be positive and padding non-negative

//--- conv-stride.mlir
func.func @f(%x: tensor<1x1x4x4xf32>, %w: tensor<1x1x3x3xf32>) -> tensor<1x1x2x2xf32> {
  %0 = loom.conv2d %x, %w strides = [0, 1] padding = [0, 0] : tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32> -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}
// CONV_STRIDE: conv-stride.mlir:[[@LINE-3]]:8: error: 'loom.conv2d' strides and dilations must be positive and padding non-negative

//--- conv-dilation.mlir
func.func @f(%x: tensor<1x1x4x4xf32>, %w: tensor<1x1x3x3xf32>) -> tensor<1x1x2x2xf32> {
  %0 = loom.conv2d %x, %w strides = [1, 1] padding = [0, 0] dilations = [1, -3] : tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32> -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}
// CONV_DILATION: conv-dilation.mlir:[[@LINE-3]]:8: error: 'loom.conv2d' strides and dilations must be positive and padding non-negative

//--- conv-overflow.mlir
func.func @f(%x: tensor<1x1x4x4xf32>, %w: tensor<1x1x3x3xf32>) -> tensor<1x1x2x2xf32> {
  %0 = loom.conv2d %x, %w strides = [1, 1] padding = [4611686018427387904, 0] : tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32> -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}
// CONV_OVERFLOW: conv-overflow.mlir:[[@LINE-3]]:8: error: 'loom.conv2d' padding 4611686018427387904 or dilation 1 in spatial dimension 0 overflows 64-bit sizes

//--- conv-transpose-stride.mlir
func.func @f(%x: tensor<1x1x2x2xf32>, %w: tensor<1x1x3x3xf32>) -> tensor<1x1x4x4xf32> {
  %0 = loom.conv2d_transpose %x, %w strides = [1, -1] padding = [0, 0] : tensor<1x1x2x2xf32>, tensor<1x1x3x3xf32> -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}
// CONV_TRANSPOSE_STRIDE: conv-transpose-stride.mlir:[[@LINE-3]]:8: error: 'loom.conv2d_transpose' strides and dilations must be positive and padding non-negative

//--- broadcast.mlir
func.func @f(%a: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = loom.broadcast_in_dim %a dims = [7] : tensor<3xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
// BROADCAST: broadcast.mlir:[[@LINE-3]]:8: error: broadcast dimension 7 is out of range for a tensor of rank 2

//--- concat-axis.mlir
func.func @f(%a: tensor<3xf32>) -> tensor<6xf32> {
  %0 = loom.concat %a, %a axis = -1 : (tensor<3xf32>, tensor<3xf32>) -> tensor<6xf32>
  return %0 : tensor<6xf32>
}
// CONCAT_AXIS: concat-axis.mlir:[[@LINE-3]]:8: error: 'loom.concat' axis -1 is out of range for rank 1

//--- iota.mlir
func.func @f() -> tensor<3xi32> {
  %0 = loom.iota dim = 4 : tensor<3xi32>
  return %0 : tensor<3xi32>
}
// IOTA: iota.mlir:[[@LINE-3]]:8: error: 'loom.iota' op dimension 4 is out of range for 'tensor<3xi32>'

//--- predicate.mlir
func.func @f(%a: tensor<3xf32>) -> tensor<3xi1> {
  %0 = "loom.compare"(%a, %a) {predicate = 42 : i32} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xi1>
  return %0 : tensor<3xi1>
}
// PREDICATE: predicate.mlir:[[@LINE-3]]:8: error: 'loom.compare' op attribute 'predicate' failed to satisfy constraint: comparison predicate

//--- init-kind.mlir
func.func @f(%a: tensor<3xf32> {loom.param = "w", loom.init = #loom.init<bogus, 1.0>}) -> tensor<3xf32> {
  return %a : tensor<3xf32>
}
// INIT_KIND: init-kind.mlir:[[@LINE-3]]:74: error: expected one of [zeros, ones, normal, uniform, xavier_uniform, kaiming_uniform] for parameter initializer, got: bogus

//--- init-scale.mlir
func.func @f(%a: tensor<3xf32> {loom.param = "w", loom.init = #loom.init<normal, wide>}) -> tensor<3xf32> {
  return %a : tensor<3xf32>
}
// INIT_SCALE: init-scale.mlir:[[@LINE-3]]:82: error: expected floating point literal

//--- tied-to.mlir
func.func @f(%a: tensor<3xf32>) -> (tensor<3xf32> {loom.tied_to = 5 : i64}) {
  %0 = loom.exp %a : tensor<3xf32>
  return %0 : tensor<3xf32>
}
// TIED_TO: tied-to.mlir:[[@LINE-4]]:1: error: result #0 of @f has loom.tied_to = 5 : i64; expected the index of one of its 1 arguments
