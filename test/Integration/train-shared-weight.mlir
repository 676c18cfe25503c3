// The train step differentiates the canonical form of a product with a weight
// shared over the batch (loom.matmul's canonicalization, test/Dialect/Loom/
// canonicalize.mlir): the weight's gradient is one 2-D product over all rows,
// not a batched product summed over the batch.
//
// RUN: loomc %s --train-step --optimizer=sgd --emit=loom | FileCheck %s

func.func @loss(%x: tensor<2x3x4xf32> {loom.input = "x"},
                %w: tensor<4x5xf32> {loom.param = "w", loom.init = #loom.init<ones, 1.0>})
    -> tensor<f32> {
  %b = loom.broadcast_in_dim %w dims = [1, 2] : tensor<4x5xf32> -> tensor<2x4x5xf32>
  %0 = loom.matmul %x, %b : tensor<2x3x4xf32>, tensor<2x4x5xf32> -> tensor<2x3x5xf32>
  %1 = loom.reduce_sum %0 axes = [0, 1, 2] : tensor<2x3x5xf32> -> tensor<f32>
  return %1 : tensor<f32>
}

// CHECK-LABEL: func.func @train_step(
// CHECK-NOT: tensor<2x4x5xf32>
// CHECK: loom.matmul {{.*}} -> tensor<6x5xf32>
// CHECK-NOT: tensor<2x4x5xf32>
// CHECK: loom.matmul {{.*}} -> tensor<4x5xf32>
// CHECK-NOT: tensor<2x4x5xf32>
// CHECK: return
