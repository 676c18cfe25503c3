// RUN: loom-opt %s -split-input-file -verify-diagnostics

func.func @add_type_mismatch(%a: tensor<4xf32>, %b: tensor<5xf32>) -> tensor<4xf32> {
  // expected-note @-1 {{prior use here}}
  // expected-error @+1 {{use of value '%b' expects different type than prior uses}}
  %0 = loom.add %a, %b : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @add_integer(%a: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error @+1 {{'loom.add' op operand #0 must be ranked tensor of 32-bit float or 64-bit float values}}
  %0 = "loom.add"(%a, %a) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

func.func @select_shape(%c: tensor<3xi1>, %a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'loom.select' op all non-scalar operands/results must have the same shape and base type}}
  %0 = loom.select %c, %a, %a : tensor<3xi1>, tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @convert_shape(%a: tensor<4xf32>) -> tensor<5xf64> {
  // expected-error @+1 {{'loom.convert' op all non-scalar operands/results must have the same shape and base type}}
  %0 = loom.convert %a : tensor<4xf32> -> tensor<5xf64>
  return %0 : tensor<5xf64>
}

// -----

func.func @broadcast_element_type(%a: tensor<4xf32>) -> tensor<2x4xf64> {
  // expected-error @+1 {{'loom.broadcast_in_dim' op changes the element type from 'f32' to 'f64'}}
  %0 = loom.broadcast_in_dim %a dims = [1] : tensor<4xf32> -> tensor<2x4xf64>
  return %0 : tensor<2x4xf64>
}

// -----

func.func @broadcast_dims_count(%a: tensor<4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'loom.broadcast_in_dim' op needs one broadcast dimension per operand dimension: operand rank is 1, got 2 dimensions}}
  %0 = loom.broadcast_in_dim %a dims = [0, 1] : tensor<4xf32> -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @broadcast_dims_order(%a: tensor<4x4xf32>) -> tensor<4x4x2xf32> {
  // expected-error @+1 {{broadcast dimension must be strictly increasing, got [1, 0]}}
  %0 = loom.broadcast_in_dim %a dims = [1, 0] : tensor<4x4xf32> -> tensor<4x4x2xf32>
  return %0 : tensor<4x4x2xf32>
}

// -----

func.func @broadcast_dims_range(%a: tensor<4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{broadcast dimension 2 is out of range for a tensor of rank 2}}
  %0 = loom.broadcast_in_dim %a dims = [2] : tensor<4xf32> -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @broadcast_size(%a: tensor<3xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'loom.broadcast_in_dim' op cannot broadcast operand dimension 0 of size 3 to result dimension 1 of size 4 (operand [3], result [2, 4])}}
  %0 = loom.broadcast_in_dim %a dims = [1] : tensor<3xf32> -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @reshape_count(%a: tensor<2x3xf32>) -> tensor<7xf32> {
  // expected-error @+1 {{'loom.reshape' op cannot reshape [2, 3] (6 elements) to [7] (7 elements)}}
  %0 = loom.reshape %a : tensor<2x3xf32> -> tensor<7xf32>
  return %0 : tensor<7xf32>
}

// -----

func.func @reshape_element_type(%a: tensor<2x3xf32>) -> tensor<6xf64> {
  // expected-error @+1 {{'loom.reshape' op changes the element type from 'f32' to 'f64'}}
  %0 = loom.reshape %a : tensor<2x3xf32> -> tensor<6xf64>
  return %0 : tensor<6xf64>
}

// -----

func.func @transpose_length(%a: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{'loom.transpose' permutation [1] has 1 entries for a tensor of rank 2}}
  %0 = loom.transpose %a perm = [1] : tensor<2x3xf32> -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @transpose_not_permutation(%a: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{'loom.transpose' permutation [1, 1] is not a permutation of 0..1}}
  %0 = loom.transpose %a perm = [1, 1] : tensor<2x3xf32> -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @transpose_result(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'loom.transpose' op inferred type(s) 'tensor<3x2xf32>' are incompatible with return type(s) of operation 'tensor<2x3xf32>'}}
  %0 = loom.transpose %a perm = [1, 0] : tensor<2x3xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @slice_rank(%a: tensor<4xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'loom.slice' needs start, limit and strides with one entry per dimension (rank 1)}}
  %0 = loom.slice %a start = [0, 0] limit = [2] strides = [1] : tensor<4xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @slice_stride(%a: tensor<4xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'loom.slice' stride 0 in dimension 0 must be positive}}
  %0 = loom.slice %a start = [0] limit = [2] strides = [0] : tensor<4xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @slice_range(%a: tensor<4xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'loom.slice' range [3, 5) in dimension 0 must be non-empty and within size 4}}
  %0 = loom.slice %a start = [3] limit = [5] strides = [1] : tensor<4xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @concat_axis(%a: tensor<4xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{'loom.concat' axis 1 is out of range for rank 1}}
  %0 = loom.concat %a, %a axis = 1 : (tensor<4xf32>, tensor<4xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

func.func @concat_mismatch(%a: tensor<2x4xf32>, %b: tensor<2x5xf32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{'loom.concat' inputs differ outside axis 0: [2, 4] vs [2, 5]}}
  %0 = loom.concat %a, %b axis = 0 : (tensor<2x4xf32>, tensor<2x5xf32>) -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

func.func @concat_element_type(%a: tensor<4xf32>, %b: tensor<4xf64>) -> tensor<8xf32> {
  // expected-error @+1 {{'loom.concat' inputs must share rank and element type}}
  %0 = loom.concat %a, %b axis = 0 : (tensor<4xf32>, tensor<4xf64>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

func.func @concat_empty() -> tensor<8xf32> {
  // expected-error @+1 {{'loom.concat' needs at least one input}}
  %0 = "loom.concat"() {axis = 0 : i64} : () -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

func.func @matmul_element_types(%a: tensor<2x3xf32>, %b: tensor<3x4xf64>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'loom.matmul' operands have different element types: 'f32' and 'f64'}}
  %0 = loom.matmul %a, %b : tensor<2x3xf32>, tensor<3x4xf64> -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @matmul_rank(%a: tensor<3xf32>, %b: tensor<3x4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'loom.matmul' needs operands of equal rank >= 2, got [3] and [3, 4]}}
  %0 = loom.matmul %a, %b : tensor<3xf32>, tensor<3x4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @matmul_batch(%a: tensor<2x2x3xf32>, %b: tensor<3x3x4xf32>) -> tensor<2x2x4xf32> {
  // expected-error @+1 {{'loom.matmul' batch dimensions differ: [2, 2, 3] and [3, 3, 4]}}
  %0 = loom.matmul %a, %b : tensor<2x2x3xf32>, tensor<3x3x4xf32> -> tensor<2x2x4xf32>
  return %0 : tensor<2x2x4xf32>
}

// -----

func.func @matmul_contraction(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) -> tensor<2x5xf32> {
  // expected-error @+1 {{'loom.matmul' contraction sizes differ: lhs [2, 3] has k = 3, rhs [4, 5] has k = 4}}
  %0 = loom.matmul %a, %b : tensor<2x3xf32>, tensor<4x5xf32> -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

func.func @conv_element_types(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf64>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'loom.conv2d' input and filter element types differ}}
  %0 = loom.conv2d %x, %w strides = [1, 1] padding = [0, 0] : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf64> -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_rank(%x: tensor<3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'loom.conv2d' needs a rank-4 NCHW input and a rank-4 OIHW filter, got [3, 8, 8] and [4, 3, 3, 3]}}
  %0 = loom.conv2d %x, %w strides = [1, 1] padding = [0, 0] : tensor<3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_attr_length(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'loom.conv2d' strides, padding and dilations need two entries each}}
  %0 = loom.conv2d %x, %w strides = [1] padding = [0, 0] : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_stride(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'loom.conv2d' strides and dilations must be positive and padding non-negative}}
  %0 = loom.conv2d %x, %w strides = [0, 1] padding = [0, 0] : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_channels(%x: tensor<1x2x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'loom.conv2d' input has 2 channels but the filter expects 3 (input [1, 2, 8, 8], filter [4, 3, 3, 3])}}
  %0 = loom.conv2d %x, %w strides = [1, 1] padding = [0, 0] : tensor<1x2x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_dilation(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'loom.conv2d' strides and dilations must be positive and padding non-negative}}
  %0 = loom.conv2d %x, %w strides = [1, 1] padding = [0, 0] dilations = [1, 0] : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_dilated_window(%x: tensor<1x3x4x4xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x1x1xf32> {
  // expected-error @+1 {{'loom.conv2d' filter [4, 3, 3, 3] is larger than the padded input [1, 3, 4, 4]}}
  %0 = loom.conv2d %x, %w strides = [1, 1] padding = [0, 0] dilations = [2, 2] : tensor<1x3x4x4xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x1x1xf32>
  return %0 : tensor<1x4x1x1xf32>
}

// -----

func.func @conv_transpose_shape(%dy: tensor<1x4x4x4xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x3x8x8xf32> {
  // expected-error @+1 {{'loom.conv2d_transpose' op input [1, 4, 4, 4] is not what conv2d of the result [1, 3, 8, 8] with filter [4, 3, 3, 3] gives ([1, 4, 6, 6])}}
  %0 = loom.conv2d_transpose %dy, %w strides = [1, 1] padding = [0, 0] : tensor<1x4x4x4xf32>, tensor<4x3x3x3xf32> -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// -----

func.func @conv_transpose_input_channels(%dy: tensor<1x8x6x6xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x3x8x8xf32> {
  // expected-error @+1 {{'loom.conv2d_transpose' op input has 8 channels but the filter expects 4 (input [1, 8, 6, 6], filter [4, 3, 3, 3])}}
  %0 = loom.conv2d_transpose %dy, %w strides = [1, 1] padding = [0, 0] : tensor<1x8x6x6xf32>, tensor<4x3x3x3xf32> -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// -----

func.func @conv_transpose_channels(%dy: tensor<1x4x6x6xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x2x8x8xf32> {
  // expected-error @+1 {{'loom.conv2d_transpose' result has 2 channels but the filter expects 3 (result [1, 2, 8, 8], filter [4, 3, 3, 3])}}
  %0 = loom.conv2d_transpose %dy, %w strides = [1, 1] padding = [0, 0] : tensor<1x4x6x6xf32>, tensor<4x3x3x3xf32> -> tensor<1x2x8x8xf32>
  return %0 : tensor<1x2x8x8xf32>
}

// -----

func.func @conv_window(%x: tensor<1x3x2x2xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x1x1xf32> {
  // expected-error @+1 {{'loom.conv2d' filter [4, 3, 3, 3] is larger than the padded input [1, 3, 2, 2]}}
  %0 = loom.conv2d %x, %w strides = [1, 1] padding = [0, 0] : tensor<1x3x2x2xf32>, tensor<4x3x3x3xf32> -> tensor<1x4x1x1xf32>
  return %0 : tensor<1x4x1x1xf32>
}

// -----

func.func @reduce_axis_range(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'loom.reduce_sum' axis 2 is out of range for a tensor of rank 2}}
  %0 = loom.reduce_sum %x axes = [2] : tensor<2x3xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @reduce_axis_order(%x: tensor<2x3xf32>) -> tensor<f32> {
  // expected-error @+1 {{'loom.reduce_max' axis must be strictly increasing, got [1, 0]}}
  %0 = loom.reduce_max %x axes = [1, 0] : tensor<2x3xf32> -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @reduce_result(%x: tensor<2x3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'loom.reduce_mean' op inferred type(s) 'tensor<2xf32>' are incompatible with return type(s) of operation 'tensor<3xf32>'}}
  %0 = loom.reduce_mean %x axes = [1] : tensor<2x3xf32> -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @iota_dimension() -> tensor<4xi64> {
  // expected-error @+1 {{'loom.iota' op dimension 1 is out of range for 'tensor<4xi64>'}}
  %0 = loom.iota dim = 1 : tensor<4xi64>
  return %0 : tensor<4xi64>
}

// -----

func.func @random_seed(%s: tensor<2xi64>) -> tensor<4xf32> {
  // expected-error @+1 {{'loom.random_uniform' op operand #0 must be 0D tensor of 64-bit signless integer values}}
  %0 = loom.random_uniform %s stream = 0 : tensor<2xi64> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @compare_result(%a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'loom.compare' op result #0 must be ranked tensor of 1-bit signless integer values, but got 'tensor<4xf32>'}}
  %0 = "loom.compare"(%a, %a) {predicate = 0 : i32} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @constant_unranked() -> tensor<4xf32> {
  // expected-error @+1 {{'loom.constant' value must be a ranked tensor}}
  %0 = "loom.constant"() {value = dense<1.0> : vector<4xf32>} : () -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// expected-error @+1 {{expected one of [zeros, ones, normal, uniform, xavier_uniform, kaiming_uniform] for parameter initializer, got: gaussian}}
func.func @bad_init(%w: tensor<2xf32> {loom.init = #loom.init<gaussian, 1.0>}) {
  return
}

// -----

func.func @conv2d_overflow(%x: tensor<1x1x4x4xf32>, %w: tensor<1x1x3x3xf32>) -> tensor<1x1x2x2xf32> {
  // expected-error @+1 {{'loom.conv2d' padding 0 or dilation 4611686018427387904 in spatial dimension 0 overflows 64-bit sizes}}
  %0 = loom.conv2d %x, %w strides = [1, 1] padding = [0, 0] dilations = [4611686018427387904, 1] : tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32> -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}

// -----

func.func @concat_overflow(%a: tensor<4611686018427387904xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'loom.concat' result size along axis 0 overflows 64 bits}}
  %0 = loom.concat %a, %a, %a axis = 0 : (tensor<4611686018427387904xf32>, tensor<4611686018427387904xf32>, tensor<4611686018427387904xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
