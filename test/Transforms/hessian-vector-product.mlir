// RUN: loom-opt %s -loom-autodiff -loom-jvp=function=loss_grad -canonicalize -cse | FileCheck %s

// Forward over reverse: the tangents of @loss_grad's results along %v are the
// directional derivative of the loss and H v. For loss = sum(exp(x) * w):
// grad = exp(x) * w and H v = exp(x) * v * w.

// CHECK-LABEL: func.func @loss_grad_jvp(
// CHECK-SAME: %[[X:.*]]: tensor<4xf64> {loom.differentiate}, %[[W:.*]]: tensor<4xf64>, %[[V:.*]]: tensor<4xf64>)
// CHECK-SAME: -> (tensor<f64>, tensor<4xf64> {loom.gradient = 0 : i64}, tensor<f64>, tensor<4xf64>)
// CHECK: %[[ZERO:.*]] = loom.constant dense<0.000000e+00> : tensor<4xf64>
// CHECK: %[[EXP:.*]] = loom.exp %[[X]]
// CHECK: %[[V_EXP:.*]] = loom.mul %[[V]], %[[EXP]]
// CHECK: %[[GRAD:.*]] = loom.mul %[[EXP]], %[[W]]
// CHECK: %[[W_TANGENT_TERM:.*]] = loom.mul %[[EXP]], %[[ZERO]]
// CHECK: %[[V_EXP_W:.*]] = loom.mul %[[V_EXP]], %[[W]]
// CHECK: %[[HV:.*]] = loom.add %[[V_EXP_W]], %[[W_TANGENT_TERM]]
// CHECK: return %{{.*}}, %[[GRAD]], %{{.*}}, %[[HV]]
func.func @loss(%x: tensor<4xf64> {loom.differentiate}, %w: tensor<4xf64>) -> tensor<f64> {
  %e = loom.exp %x : tensor<4xf64>
  %m = loom.mul %e, %w : tensor<4xf64>
  %l = loom.reduce_sum %m axes = [0] : tensor<4xf64> -> tensor<f64>
  return %l : tensor<f64>
}
