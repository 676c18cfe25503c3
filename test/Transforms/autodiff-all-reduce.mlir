// RUN: loom-opt %s -split-input-file -loom-autodiff | FileCheck %s --check-prefix=RAW
// RUN: loom-opt %s -split-input-file -loom-autodiff -canonicalize -cse | FileCheck %s --check-prefix=CLEAN

// An all-reduce is linear and its own transpose: the adjoint of a sum (or a
// mean) over the ranks is the same all-reduce, on the same communicator, of
// the results' cotangents. As in autodiff.mlir each loss is
// sum(result * d), so after cleaning the cotangents are the arguments %d*.
// Neither the forward all-reduce nor the adjoint one is removed or merged.

// Two differentiated operands: one adjoint all-reduce (one bucket) of both
// cotangents, in the operands' order.
// RAW-LABEL: func.func @sum(
// CLEAN-LABEL: func.func @sum(
// RAW-LABEL: func.func @sum_grad(
// RAW-SAME: %[[C:.*]]: tensor<i64>, %[[X:.*]]: tensor<4xf32> {loom.differentiate}, %[[Y:.*]]: tensor<2x3xf32> {loom.differentiate}, %[[DX:.*]]: tensor<4xf32>, %[[DY:.*]]: tensor<2x3xf32>)
// RAW-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 1 : i64}, tensor<2x3xf32> {loom.gradient = 2 : i64})
// RAW: %[[G:.*]]:2 = loom.all_reduce sum %[[C]], %[[X]], %[[Y]] : tensor<i64>, tensor<4xf32>, tensor<2x3xf32>
// RAW: %[[LOSS:.*]] = loom.add
// RAW: %[[GY:.*]] = loom.mul %{{.*}}, %[[DY]] : tensor<2x3xf32>
// RAW: %[[GX:.*]] = loom.mul %{{.*}}, %[[DX]] : tensor<4xf32>
// RAW: %[[ADJ:.*]]:2 = loom.all_reduce sum %[[C]], %[[GX]], %[[GY]] : tensor<i64>, tensor<4xf32>, tensor<2x3xf32>
// RAW: return %[[LOSS]], %[[ADJ]]#0, %[[ADJ]]#1 : tensor<f32>, tensor<4xf32>, tensor<2x3xf32>
// CLEAN-LABEL: func.func @sum_grad(
// CLEAN-SAME: %[[C:.*]]: tensor<i64>, %[[X:.*]]: tensor<4xf32> {loom.differentiate}, %[[Y:.*]]: tensor<2x3xf32> {loom.differentiate}, %[[DX:.*]]: tensor<4xf32>, %[[DY:.*]]: tensor<2x3xf32>)
// CLEAN: %[[G:.*]]:2 = loom.all_reduce sum %[[C]], %[[X]], %[[Y]] : tensor<i64>, tensor<4xf32>, tensor<2x3xf32>
// CLEAN: %[[LOSS:.*]] = loom.add
// CLEAN: %[[ADJ:.*]]:2 = loom.all_reduce sum %[[C]], %[[DX]], %[[DY]] : tensor<i64>, tensor<4xf32>, tensor<2x3xf32>
// CLEAN: return %[[LOSS]], %[[ADJ]]#0, %[[ADJ]]#1 : tensor<f32>, tensor<4xf32>, tensor<2x3xf32>
func.func @sum(%c: tensor<i64>, %x: tensor<4xf32> {loom.differentiate}, %y: tensor<2x3xf32> {loom.differentiate},
               %dx: tensor<4xf32>, %dy: tensor<2x3xf32>) -> tensor<f32> {
  %g:2 = loom.all_reduce sum %c, %x, %y : tensor<i64>, tensor<4xf32>, tensor<2x3xf32>
  %wx = loom.mul %g#0, %dx : tensor<4xf32>
  %wy = loom.mul %g#1, %dy : tensor<2x3xf32>
  %lx = loom.reduce_sum %wx axes = [0] : tensor<4xf32> -> tensor<f32>
  %ly = loom.reduce_sum %wy axes = [0, 1] : tensor<2x3xf32> -> tensor<f32>
  %l = loom.add %lx, %ly : tensor<f32>
  return %l : tensor<f32>
}

// -----

// A mean, with the handle from a constant. Only %x is differentiated: the
// adjoint bucket holds the cotangent of its result alone (no exchange for
// the operand %z that needs no gradient), and it is a mean again.
// RAW-LABEL: func.func @mean(
// CLEAN-LABEL: func.func @mean(
// RAW-LABEL: func.func @mean_grad(
// RAW-SAME: %[[X:.*]]: tensor<4xf64> {loom.differentiate}, %[[Z:.*]]: tensor<4xf64>, %[[D:.*]]: tensor<4xf64>)
// RAW-SAME: -> (tensor<f64>, tensor<4xf64> {loom.gradient = 0 : i64})
// RAW: %[[C:.*]] = loom.constant dense<0> : tensor<i64>
// RAW: %[[G:.*]]:2 = loom.all_reduce mean %[[C]], %[[Z]], %[[X]] : tensor<i64>, tensor<4xf64>, tensor<4xf64>
// RAW: %[[LOSS:.*]] = loom.reduce_sum
// RAW: %[[GP:.*]] = loom.mul %{{.*}}, %[[D]] : tensor<4xf64>
// RAW: %[[GX:.*]] = loom.mul %[[GP]], %[[G]]#0 : tensor<4xf64>
// RAW: %[[ADJ:.*]] = loom.all_reduce mean %[[C]], %[[GX]] : tensor<i64>, tensor<4xf64>
// RAW: return %[[LOSS]], %[[ADJ]] : tensor<f64>, tensor<4xf64>
// CLEAN-LABEL: func.func @mean_grad(
// CLEAN-SAME: %[[X:.*]]: tensor<4xf64> {loom.differentiate}, %[[Z:.*]]: tensor<4xf64>, %[[D:.*]]: tensor<4xf64>)
// CLEAN: %[[C:.*]] = loom.constant dense<0> : tensor<i64>
// CLEAN: %[[G:.*]]:2 = loom.all_reduce mean %[[C]], %[[Z]], %[[X]] : tensor<i64>, tensor<4xf64>, tensor<4xf64>
// CLEAN: %[[LOSS:.*]] = loom.reduce_sum
// CLEAN: %[[GX:.*]] = loom.mul %[[D]], %[[G]]#0 : tensor<4xf64>
// CLEAN: %[[ADJ:.*]] = loom.all_reduce mean %[[C]], %[[GX]] : tensor<i64>, tensor<4xf64>
// CLEAN: return %[[LOSS]], %[[ADJ]] : tensor<f64>, tensor<4xf64>
func.func @mean(%x: tensor<4xf64> {loom.differentiate}, %z: tensor<4xf64>, %d: tensor<4xf64>) -> tensor<f64> {
  %c = loom.constant dense<0> : tensor<i64>
  %g:2 = loom.all_reduce mean %c, %z, %x : tensor<i64>, tensor<4xf64>, tensor<4xf64>
  %p = loom.mul %g#0, %g#1 : tensor<4xf64>
  %w = loom.mul %p, %d : tensor<4xf64>
  %l = loom.reduce_sum %w axes = [0] : tensor<4xf64> -> tensor<f64>
  return %l : tensor<f64>
}
