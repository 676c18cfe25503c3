// RUN: loom-opt %s -loom-autodiff=function=loss | FileCheck %s
// RUN: not loom-opt %s -loom-autodiff=function=absent 2>&1 | FileCheck %s --check-prefix=ABSENT
// RUN: not loom-opt %s -loom-autodiff=function=unmarked 2>&1 | FileCheck %s --check-prefix=UNMARKED

// Without `loom.differentiate`, the named function is differentiated with
// respect to its float `loom.param` arguments; inputs get no gradient, and
// other functions are left alone.

// CHECK-LABEL: func.func @loss_grad(
// CHECK-SAME: %[[W:.*]]: tensor<3xf32> {loom.param = "w"}, %[[X:.*]]: tensor<3xf32> {loom.input = "x"})
// CHECK-SAME: -> (tensor<f32>, tensor<3xf32> {loom.gradient = 0 : i64})
// CHECK: %[[MUL:.*]] = loom.mul %[[W]], %[[X]]
// CHECK: %[[GRAD:.*]] = loom.mul %{{.*}}, %[[X]]
// CHECK: return %{{.*}}, %[[GRAD]] : tensor<f32>, tensor<3xf32>
// CHECK-NOT: func.func @other_grad
func.func @loss(%w: tensor<3xf32> {loom.param = "w"}, %x: tensor<3xf32> {loom.input = "x"}) -> tensor<f32> {
  %y = loom.mul %w, %x : tensor<3xf32>
  %l = loom.reduce_sum %y axes = [0] : tensor<3xf32> -> tensor<f32>
  return %l : tensor<f32>
}

func.func @other(%w: tensor<3xf32> {loom.differentiate}) -> tensor<f32> {
  %l = loom.reduce_sum %w axes = [0] : tensor<3xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// ABSENT: error: no function named @absent

// UNMARKED: error: cannot differentiate @unmarked: no argument is marked `loom.differentiate` and no float argument carries `loom.param`
func.func @unmarked(%x: tensor<3xf32>) -> tensor<f32> {
  %l = loom.reduce_sum %x axes = [0] : tensor<3xf32> -> tensor<f32>
  return %l : tensor<f32>
}
