// RUN: loom-opt %s -split-input-file -loom-fuse-elementwise | FileCheck %s

// A reshape of a contraction's result stays a reshape: the matmul keeps its
// 2-D iteration space (upstream's pass would turn it into a 4-D generic over
// 2x3 by 4x2).
// CHECK-LABEL: func.func @reshape_stays_outside_matmul
// CHECK: %[[PRODUCT:.*]] = linalg.matmul
// CHECK-SAME: -> tensor<6x8xf32>
// CHECK: tensor.expand_shape %[[PRODUCT]]
// CHECK-SAME: into tensor<2x3x4x2xf32>
func.func @reshape_stays_outside_matmul(%a: tensor<6x5xf32>, %b: tensor<5x8xf32>) -> tensor<2x3x4x2xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<6x8xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<6x8xf32>) -> tensor<6x8xf32>
  %product = linalg.matmul ins(%a, %b : tensor<6x5xf32>, tensor<5x8xf32>) outs(%init : tensor<6x8xf32>) -> tensor<6x8xf32>
  %expanded = tensor.expand_shape %product [[0, 1], [2, 3]] output_shape [2, 3, 4, 2] : tensor<6x8xf32> into tensor<2x3x4x2xf32>
  return %expanded : tensor<2x3x4x2xf32>
}

// -----

// Likewise for a collapsed operand.
// CHECK-LABEL: func.func @collapsed_operand_stays
// CHECK: %[[LHS:.*]] = tensor.collapse_shape
// CHECK: linalg.matmul ins(%[[LHS]], %{{.*}} : tensor<6x5xf32>, tensor<5x8xf32>)
func.func @collapsed_operand_stays(%a: tensor<2x3x5xf32>, %b: tensor<5x8xf32>) -> tensor<6x8xf32> {
  %zero = arith.constant 0.0 : f32
  %lhs = tensor.collapse_shape %a [[0, 1], [2]] : tensor<2x3x5xf32> into tensor<6x5xf32>
  %empty = tensor.empty() : tensor<6x8xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<6x8xf32>) -> tensor<6x8xf32>
  %product = linalg.matmul ins(%lhs, %b : tensor<6x5xf32>, tensor<5x8xf32>) outs(%init : tensor<6x8xf32>) -> tensor<6x8xf32>
  return %product : tensor<6x8xf32>
}

// -----

// Elementwise chains still fuse, and reshapes still move through them.
// CHECK-LABEL: func.func @elementwise_chain_fuses
// CHECK: tensor.expand_shape %{{.*}} into tensor<2x3x4xf32>
// CHECK: %[[FUSED:.*]] = linalg.generic
// CHECK: math.exp
// CHECK: arith.addf
// CHECK-NOT: linalg.generic
// CHECK: return %[[FUSED]]
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @elementwise_chain_fuses(%x: tensor<6x4xf32>) -> tensor<2x3x4xf32> {
  %empty = tensor.empty() : tensor<6x4xf32>
  %e = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<6x4xf32>) outs(%empty : tensor<6x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = math.exp %in : f32
    linalg.yield %v : f32
  } -> tensor<6x4xf32>
  %s = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%e : tensor<6x4xf32>) outs(%empty : tensor<6x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = arith.addf %in, %in : f32
    linalg.yield %v : f32
  } -> tensor<6x4xf32>
  %r = tensor.expand_shape %s [[0, 1], [2]] output_shape [2, 3, 4] : tensor<6x4xf32> into tensor<2x3x4xf32>
  return %r : tensor<2x3x4xf32>
}

// -----

// A producer fuses into its consumer only while the fused body has at most
// 64 ops (kMaxFusedBodyOps): 32 + 32 fuse, 32 + 33 do not.
#id = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @fused_body_size_limit
// CHECK-SAME: (%[[X:.*]]: tensor<16xf32>)
// CHECK: %[[SIXTYFOUR:.*]] = linalg.generic {{.*}} ins(%[[X]]
// CHECK-COUNT-64: arith.mulf
// CHECK-NOT: arith.mulf
// CHECK: linalg.yield
// CHECK: linalg.generic {{.*}} ins(%[[SIXTYFOUR]]
// CHECK-COUNT-33: arith.mulf
// CHECK-NOT: arith.mulf
// CHECK: linalg.yield
func.func @fused_body_size_limit(%x: tensor<16xf32>) -> tensor<16xf32> {
  %e = tensor.empty() : tensor<16xf32>
  %a = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%x : tensor<16xf32>) outs(%e : tensor<16xf32>) {
  ^bb0(%in: f32, %o: f32):
    %t0 = arith.mulf %in, %in : f32
    %t1 = arith.mulf %t0, %t0 : f32
    %t2 = arith.mulf %t1, %t1 : f32
    %t3 = arith.mulf %t2, %t2 : f32
    %t4 = arith.mulf %t3, %t3 : f32
    %t5 = arith.mulf %t4, %t4 : f32
    %t6 = arith.mulf %t5, %t5 : f32
    %t7 = arith.mulf %t6, %t6 : f32
    %t8 = arith.mulf %t7, %t7 : f32
    %t9 = arith.mulf %t8, %t8 : f32
    %t10 = arith.mulf %t9, %t9 : f32
    %t11 = arith.mulf %t10, %t10 : f32
    %t12 = arith.mulf %t11, %t11 : f32
    %t13 = arith.mulf %t12, %t12 : f32
    %t14 = arith.mulf %t13, %t13 : f32
    %t15 = arith.mulf %t14, %t14 : f32
    %t16 = arith.mulf %t15, %t15 : f32
    %t17 = arith.mulf %t16, %t16 : f32
    %t18 = arith.mulf %t17, %t17 : f32
    %t19 = arith.mulf %t18, %t18 : f32
    %t20 = arith.mulf %t19, %t19 : f32
    %t21 = arith.mulf %t20, %t20 : f32
    %t22 = arith.mulf %t21, %t21 : f32
    %t23 = arith.mulf %t22, %t22 : f32
    %t24 = arith.mulf %t23, %t23 : f32
    %t25 = arith.mulf %t24, %t24 : f32
    %t26 = arith.mulf %t25, %t25 : f32
    %t27 = arith.mulf %t26, %t26 : f32
    %t28 = arith.mulf %t27, %t27 : f32
    %t29 = arith.mulf %t28, %t28 : f32
    %t30 = arith.mulf %t29, %t29 : f32
    %t31 = arith.mulf %t30, %t30 : f32
    linalg.yield %t31 : f32
  } -> tensor<16xf32>
  %b = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%a : tensor<16xf32>) outs(%e : tensor<16xf32>) {
  ^bb0(%in: f32, %o: f32):
    %t0 = arith.mulf %in, %in : f32
    %t1 = arith.mulf %t0, %t0 : f32
    %t2 = arith.mulf %t1, %t1 : f32
    %t3 = arith.mulf %t2, %t2 : f32
    %t4 = arith.mulf %t3, %t3 : f32
    %t5 = arith.mulf %t4, %t4 : f32
    %t6 = arith.mulf %t5, %t5 : f32
    %t7 = arith.mulf %t6, %t6 : f32
    %t8 = arith.mulf %t7, %t7 : f32
    %t9 = arith.mulf %t8, %t8 : f32
    %t10 = arith.mulf %t9, %t9 : f32
    %t11 = arith.mulf %t10, %t10 : f32
    %t12 = arith.mulf %t11, %t11 : f32
    %t13 = arith.mulf %t12, %t12 : f32
    %t14 = arith.mulf %t13, %t13 : f32
    %t15 = arith.mulf %t14, %t14 : f32
    %t16 = arith.mulf %t15, %t15 : f32
    %t17 = arith.mulf %t16, %t16 : f32
    %t18 = arith.mulf %t17, %t17 : f32
    %t19 = arith.mulf %t18, %t18 : f32
    %t20 = arith.mulf %t19, %t19 : f32
    %t21 = arith.mulf %t20, %t20 : f32
    %t22 = arith.mulf %t21, %t21 : f32
    %t23 = arith.mulf %t22, %t22 : f32
    %t24 = arith.mulf %t23, %t23 : f32
    %t25 = arith.mulf %t24, %t24 : f32
    %t26 = arith.mulf %t25, %t25 : f32
    %t27 = arith.mulf %t26, %t26 : f32
    %t28 = arith.mulf %t27, %t27 : f32
    %t29 = arith.mulf %t28, %t28 : f32
    %t30 = arith.mulf %t29, %t29 : f32
    %t31 = arith.mulf %t30, %t30 : f32
    linalg.yield %t31 : f32
  } -> tensor<16xf32>
  %c = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%b : tensor<16xf32>) outs(%e : tensor<16xf32>) {
  ^bb0(%in: f32, %o: f32):
    %t0 = arith.mulf %in, %in : f32
    %t1 = arith.mulf %t0, %t0 : f32
    %t2 = arith.mulf %t1, %t1 : f32
    %t3 = arith.mulf %t2, %t2 : f32
    %t4 = arith.mulf %t3, %t3 : f32
    %t5 = arith.mulf %t4, %t4 : f32
    %t6 = arith.mulf %t5, %t5 : f32
    %t7 = arith.mulf %t6, %t6 : f32
    %t8 = arith.mulf %t7, %t7 : f32
    %t9 = arith.mulf %t8, %t8 : f32
    %t10 = arith.mulf %t9, %t9 : f32
    %t11 = arith.mulf %t10, %t10 : f32
    %t12 = arith.mulf %t11, %t11 : f32
    %t13 = arith.mulf %t12, %t12 : f32
    %t14 = arith.mulf %t13, %t13 : f32
    %t15 = arith.mulf %t14, %t14 : f32
    %t16 = arith.mulf %t15, %t15 : f32
    %t17 = arith.mulf %t16, %t16 : f32
    %t18 = arith.mulf %t17, %t17 : f32
    %t19 = arith.mulf %t18, %t18 : f32
    %t20 = arith.mulf %t19, %t19 : f32
    %t21 = arith.mulf %t20, %t20 : f32
    %t22 = arith.mulf %t21, %t21 : f32
    %t23 = arith.mulf %t22, %t22 : f32
    %t24 = arith.mulf %t23, %t23 : f32
    %t25 = arith.mulf %t24, %t24 : f32
    %t26 = arith.mulf %t25, %t25 : f32
    %t27 = arith.mulf %t26, %t26 : f32
    %t28 = arith.mulf %t27, %t27 : f32
    %t29 = arith.mulf %t28, %t28 : f32
    %t30 = arith.mulf %t29, %t29 : f32
    %t31 = arith.mulf %t30, %t30 : f32
    %t32 = arith.mulf %t31, %t31 : f32
    linalg.yield %t32 : f32
  } -> tensor<16xf32>
  return %c : tensor<16xf32>
}

// -----

// Nothing is fused into a transposed convolution: col2im's product reads its
// operands as they are, and the fused expression would run once per tap.

#tc_in = affine_map<(n, c, y, x, o, i, j) -> (n, o, y, x)>
#tc_w = affine_map<(n, c, y, x, o, i, j) -> (o, c, i, j)>
#tc_out = affine_map<(n, c, y, x, o, i, j) -> (n, c, y * 2 + i, x * 2 + j)>
// CHECK-LABEL: func.func @not_into_transposed_conv
// CHECK: %[[NEG:.*]] = linalg.generic
// CHECK: arith.negf
// CHECK: linalg.generic {{.*}} ins(%[[NEG]], %{{.*}} :
// CHECK-NOT: arith.negf
func.func @not_into_transposed_conv(%dy: tensor<1x4x3x3xf32>, %w: tensor<4x2x3x3xf32>, %acc: tensor<1x2x7x7xf32>) -> tensor<1x2x7x7xf32> {
  %e = tensor.empty() : tensor<1x4x3x3xf32>
  %neg = linalg.generic {indexing_maps = [affine_map<(a, b, c, d) -> (a, b, c, d)>, affine_map<(a, b, c, d) -> (a, b, c, d)>],
      iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%dy : tensor<1x4x3x3xf32>) outs(%e : tensor<1x4x3x3xf32>) {
  ^bb0(%v: f32, %o: f32):
    %n = arith.negf %v : f32
    linalg.yield %n : f32
  } -> tensor<1x4x3x3xf32>
  %r = linalg.generic {indexing_maps = [#tc_in, #tc_w, #tc_out],
      iterator_types = ["parallel", "parallel", "reduction", "reduction", "reduction", "reduction", "reduction"]}
      ins(%neg, %w : tensor<1x4x3x3xf32>, tensor<4x2x3x3xf32>) outs(%acc : tensor<1x2x7x7xf32>) {
  ^bb0(%a: f32, %b: f32, %s: f32):
    %m = arith.mulf %a, %b : f32
    %t = arith.addf %s, %m : f32
    linalg.yield %t : f32
  } -> tensor<1x2x7x7xf32>
  return %r : tensor<1x2x7x7xf32>
}
