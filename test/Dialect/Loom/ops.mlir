// RUN: loom-opt %s | loom-opt | FileCheck %s
// RUN: loom-opt %s --mlir-print-op-generic | loom-opt | FileCheck %s

// CHECK-LABEL: func.func @unary
func.func @unary(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // CHECK: %[[NEG:.*]] = loom.neg %{{.*}} : tensor<4x8xf32>
  // CHECK: %[[EXP:.*]] = loom.exp %[[NEG]] : tensor<4x8xf32>
  // CHECK: %[[LOG:.*]] = loom.log %[[EXP]] : tensor<4x8xf32>
  // CHECK: %[[TANH:.*]] = loom.tanh %[[LOG]] : tensor<4x8xf32>
  // CHECK: %[[SIG:.*]] = loom.sigmoid %[[TANH]] : tensor<4x8xf32>
  // CHECK: %[[RELU:.*]] = loom.relu %[[SIG]] : tensor<4x8xf32>
  // CHECK: %[[GELU:.*]] = loom.gelu %[[RELU]] : tensor<4x8xf32>
  // CHECK: %[[SQRT:.*]] = loom.sqrt %[[GELU]] : tensor<4x8xf32>
  // CHECK: %[[RSQRT:.*]] = loom.rsqrt %[[SQRT]] : tensor<4x8xf32>
  // CHECK: %[[SQ:.*]] = loom.square %[[RSQRT]] : tensor<4x8xf32>
  // CHECK: %[[ABS:.*]] = loom.abs %[[SQ]] : tensor<4x8xf32>
  // CHECK: loom.leaky_relu %[[ABS]], 2.000000e-01 : tensor<4x8xf32>
  %0 = loom.neg %x : tensor<4x8xf32>
  %1 = loom.exp %0 : tensor<4x8xf32>
  %2 = loom.log %1 : tensor<4x8xf32>
  %3 = loom.tanh %2 : tensor<4x8xf32>
  %4 = loom.sigmoid %3 : tensor<4x8xf32>
  %5 = loom.relu %4 : tensor<4x8xf32>
  %6 = loom.gelu %5 : tensor<4x8xf32>
  %7 = loom.sqrt %6 : tensor<4x8xf32>
  %8 = loom.rsqrt %7 : tensor<4x8xf32>
  %9 = loom.square %8 : tensor<4x8xf32>
  %10 = loom.abs %9 : tensor<4x8xf32>
  %11 = loom.leaky_relu %10, 0.2 : tensor<4x8xf32>
  return %11 : tensor<4x8xf32>
}

// CHECK-LABEL: func.func @binary
// CHECK-SAME: (%[[A:.*]]: tensor<3xf64>, %[[B:.*]]: tensor<3xf64>)
func.func @binary(%a: tensor<3xf64>, %b: tensor<3xf64>) -> tensor<3xf64> {
  // CHECK: %[[ADD:.*]] = loom.add %[[A]], %[[B]] : tensor<3xf64>
  // CHECK: %[[SUB:.*]] = loom.sub %[[ADD]], %[[B]] : tensor<3xf64>
  // CHECK: %[[MUL:.*]] = loom.mul %[[SUB]], %[[B]] : tensor<3xf64>
  // CHECK: %[[DIV:.*]] = loom.div %[[MUL]], %[[B]] : tensor<3xf64>
  // CHECK: %[[MAX:.*]] = loom.max %[[DIV]], %[[B]] : tensor<3xf64>
  // CHECK: %[[MIN:.*]] = loom.min %[[MAX]], %[[A]] : tensor<3xf64>
  // CHECK: loom.pow %[[MIN]], %[[B]] : tensor<3xf64>
  %0 = loom.add %a, %b : tensor<3xf64>
  %1 = loom.sub %0, %b : tensor<3xf64>
  %2 = loom.mul %1, %b : tensor<3xf64>
  %3 = loom.div %2, %b : tensor<3xf64>
  %4 = loom.max %3, %b : tensor<3xf64>
  %5 = loom.min %4, %a : tensor<3xf64>
  %6 = loom.pow %5, %b : tensor<3xf64>
  return %6 : tensor<3xf64>
}

// CHECK-LABEL: func.func @compare_select_convert
func.func @compare_select_convert(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>, %labels: tensor<2xi64>) -> (tensor<2x3xf32>, tensor<2xf32>) {
  // CHECK: %[[C:.*]] = loom.compare ge, %{{.*}}, %{{.*}} : tensor<2x3xf32>
  // CHECK: loom.select %[[C]], %{{.*}}, %{{.*}} : tensor<2x3xi1>, tensor<2x3xf32>
  // CHECK: loom.convert %{{.*}} : tensor<2xi64> -> tensor<2xf32>
  %c = loom.compare ge, %a, %b : tensor<2x3xf32>
  %s = loom.select %c, %a, %b : tensor<2x3xi1>, tensor<2x3xf32>
  %f = loom.convert %labels : tensor<2xi64> -> tensor<2xf32>
  return %s, %f : tensor<2x3xf32>, tensor<2xf32>
}

// CHECK-LABEL: func.func @shapes
func.func @shapes(%x: tensor<2x3x4xf32>, %b: tensor<4xf32>) -> (tensor<2x3x4xf32>, tensor<6x4xf32>, tensor<4x2x3xf32>, tensor<2x2x2xf32>, tensor<4x3x4xf32>) {
  // CHECK: loom.broadcast_in_dim %{{.*}} dims = [2] : tensor<4xf32> -> tensor<2x3x4xf32>
  // CHECK: loom.reshape %{{.*}} : tensor<2x3x4xf32> -> tensor<6x4xf32>
  // CHECK: loom.transpose %{{.*}} perm = [2, 0, 1] : tensor<2x3x4xf32> -> tensor<4x2x3xf32>
  // CHECK: loom.slice %{{.*}} start = [0, 1, 0] limit = [2, 3, 4] strides = [1, 1, 2] : tensor<2x3x4xf32> -> tensor<2x2x2xf32>
  // CHECK: loom.concat %{{.*}}, %{{.*}} axis = 0 : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<4x3x4xf32>
  %0 = loom.broadcast_in_dim %b dims = [2] : tensor<4xf32> -> tensor<2x3x4xf32>
  %1 = loom.reshape %x : tensor<2x3x4xf32> -> tensor<6x4xf32>
  %2 = loom.transpose %x perm = [2, 0, 1] : tensor<2x3x4xf32> -> tensor<4x2x3xf32>
  %3 = loom.slice %x start = [0, 1, 0] limit = [2, 3, 4] strides = [1, 1, 2] : tensor<2x3x4xf32> -> tensor<2x2x2xf32>
  %4 = loom.concat %x, %x axis = 0 : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<4x3x4xf32>
  return %0, %1, %2, %3, %4 : tensor<2x3x4xf32>, tensor<6x4xf32>, tensor<4x2x3xf32>, tensor<2x2x2xf32>, tensor<4x3x4xf32>
}

// CHECK-LABEL: func.func @contractions
func.func @contractions(%a: tensor<5x2x3xf32>, %b: tensor<5x3x4xf32>, %img: tensor<1x3x8x8xf32>, %w: tensor<6x3x3x3xf32>) -> (tensor<5x2x4xf32>, tensor<1x6x4x4xf32>, tensor<1x6x4x4xf32>, tensor<1x3x8x8xf32>) {
  // CHECK: loom.matmul %{{.*}}, %{{.*}} : tensor<5x2x3xf32>, tensor<5x3x4xf32> -> tensor<5x2x4xf32>
  // CHECK: loom.conv2d %{{.*}}, %{{.*}} strides = [2, 2] padding = [1, 1] : tensor<1x3x8x8xf32>, tensor<6x3x3x3xf32> -> tensor<1x6x4x4xf32>
  // Unit dilations are the default and are not printed.
  // CHECK: loom.conv2d %{{.*}}, %{{.*}} strides = [1, 1] padding = [0, 0] dilations = [2, 2] : tensor<1x3x8x8xf32>, tensor<6x3x3x3xf32> -> tensor<1x6x4x4xf32>
  // CHECK: loom.conv2d_transpose %{{.*}}, %{{.*}} strides = [2, 2] padding = [1, 1] : tensor<1x6x4x4xf32>, tensor<6x3x3x3xf32> -> tensor<1x3x8x8xf32>
  %0 = loom.matmul %a, %b : tensor<5x2x3xf32>, tensor<5x3x4xf32> -> tensor<5x2x4xf32>
  %1 = loom.conv2d %img, %w strides = [2, 2] padding = [1, 1] dilations = [1, 1] : tensor<1x3x8x8xf32>, tensor<6x3x3x3xf32> -> tensor<1x6x4x4xf32>
  %2 = loom.conv2d %img, %w strides = [1, 1] padding = [0, 0] dilations = [2, 2] : tensor<1x3x8x8xf32>, tensor<6x3x3x3xf32> -> tensor<1x6x4x4xf32>
  %3 = loom.conv2d_transpose %1, %w strides = [2, 2] padding = [1, 1] : tensor<1x6x4x4xf32>, tensor<6x3x3x3xf32> -> tensor<1x3x8x8xf32>
  return %0, %1, %2, %3 : tensor<5x2x4xf32>, tensor<1x6x4x4xf32>, tensor<1x6x4x4xf32>, tensor<1x3x8x8xf32>
}

// CHECK-LABEL: func.func @reductions
func.func @reductions(%x: tensor<2x3x4xf32>) -> (tensor<3xf32>, tensor<2x4xf32>, tensor<f32>) {
  // CHECK: loom.reduce_sum %{{.*}} axes = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
  // CHECK: loom.reduce_mean %{{.*}} axes = [1] : tensor<2x3x4xf32> -> tensor<2x4xf32>
  // CHECK: loom.reduce_max %{{.*}} axes = [0, 1, 2] : tensor<2x3x4xf32> -> tensor<f32>
  %0 = loom.reduce_sum %x axes = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
  %1 = loom.reduce_mean %x axes = [1] : tensor<2x3x4xf32> -> tensor<2x4xf32>
  %2 = loom.reduce_max %x axes = [0, 1, 2] : tensor<2x3x4xf32> -> tensor<f32>
  return %0, %1, %2 : tensor<3xf32>, tensor<2x4xf32>, tensor<f32>
}

// CHECK-LABEL: func.func @sources
// CHECK-SAME: loom.init = #loom.init<xavier_uniform, 1.000000e+00>
// CHECK-SAME: loom.param = "fc.weight"
func.func @sources(%seed: tensor<i64> {loom.input = "seed"}, %w: tensor<2x3xf32> {loom.param = "fc.weight", loom.init = #loom.init<xavier_uniform, 1.0>}) -> (tensor<2x3xf32>, tensor<4xi64>, tensor<2x3xf32>, tensor<5xf64>) {
  // CHECK: loom.constant dense<[1.000000e+00, 2.000000e+00, 3.000000e+00]> : tensor<3xf32>
  // CHECK: loom.iota dim = 0 : tensor<4xi64>
  // CHECK: loom.random_uniform %{{.*}} stream = 0 : tensor<i64> -> tensor<2x3xf32>
  // CHECK: loom.random_normal %{{.*}} stream = 1 : tensor<i64> -> tensor<5xf64>
  %c = loom.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %cb = loom.broadcast_in_dim %c dims = [1] : tensor<3xf32> -> tensor<2x3xf32>
  %0 = loom.add %w, %cb : tensor<2x3xf32>
  %1 = loom.iota dim = 0 : tensor<4xi64>
  %2 = loom.random_uniform %seed stream = 0 : tensor<i64> -> tensor<2x3xf32>
  %3 = loom.random_normal %seed stream = 1 : tensor<i64> -> tensor<5xf64>
  return %0, %1, %2, %3 : tensor<2x3xf32>, tensor<4xi64>, tensor<2x3xf32>, tensor<5xf64>
}
