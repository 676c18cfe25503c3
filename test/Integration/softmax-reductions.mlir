// Softmax from primitives and the three reductions, on the JIT.
// RUN: loomc %s --run --entry=softmax | FileCheck %s --check-prefix=SOFTMAX
// RUN: loomc %s --run --entry=reductions | FileCheck %s --check-prefix=REDUCE

// softmax([0, ln 3]) = [1/4, 3/4]; softmax([ln 2, ln 2]) = [1/2, 1/2]
// SOFTMAX: result #0: tensor<2x2xf32>
// SOFTMAX-NEXT: values: [0.25, 0.75, 0.5, 0.5]
func.func @softmax() -> tensor<2x2xf32> {
  %x = loom.constant dense<[[0.0, 1.0986122886681098], [0.6931471805599453, 0.6931471805599453]]> : tensor<2x2xf32>
  %m = loom.reduce_max %x axes = [1] : tensor<2x2xf32> -> tensor<2xf32>
  %mb = loom.broadcast_in_dim %m dims = [0] : tensor<2xf32> -> tensor<2x2xf32>
  %d = loom.sub %x, %mb : tensor<2x2xf32>
  %e = loom.exp %d : tensor<2x2xf32>
  %s = loom.reduce_sum %e axes = [1] : tensor<2x2xf32> -> tensor<2xf32>
  %sb = loom.broadcast_in_dim %s dims = [0] : tensor<2xf32> -> tensor<2x2xf32>
  %p = loom.div %e, %sb : tensor<2x2xf32>
  return %p : tensor<2x2xf32>
}

// x = [[1, 5, 3], [-2, 0, 4]]
// REDUCE: result #0: tensor<3xf32>
// REDUCE-NEXT: values: [-1, 5, 7]
// REDUCE: result #1: tensor<2xf32>
// REDUCE-NEXT: values: [3, 0.666667]
// REDUCE: result #2: tensor<f32>
// REDUCE-NEXT: values: [5]
func.func @reductions() -> (tensor<3xf32>, tensor<2xf32>, tensor<f32>) {
  %x = loom.constant dense<[[1.0, 5.0, 3.0], [-2.0, 0.0, 4.0]]> : tensor<2x3xf32>
  %sum = loom.reduce_sum %x axes = [0] : tensor<2x3xf32> -> tensor<3xf32>
  %mean = loom.reduce_mean %x axes = [1] : tensor<2x3xf32> -> tensor<2xf32>
  %max = loom.reduce_max %x axes = [0, 1] : tensor<2x3xf32> -> tensor<f32>
  return %sum, %mean, %max : tensor<3xf32>, tensor<2xf32>, tensor<f32>
}
