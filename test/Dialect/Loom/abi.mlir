// RUN: loom-opt %s | loom-opt | FileCheck %s

// Every ABI attribute, in the combinations the DSL, autodiff and the
// train-step builder write, passes the verifier and round-trips.

// CHECK-LABEL: func.func @entry
// CHECK-SAME: %{{.*}}: tensor<4x3xf32> {loom.init = #loom.init<xavier_uniform, 1.000000e+00>, loom.param = "w"}
// CHECK-SAME: %{{.*}}: tensor<4x3xf32> {loom.state = "w.m"}
// CHECK-SAME: %{{.*}}: tensor<2x4xf32> {loom.input = "x"}
// CHECK-SAME: -> (tensor<f32>, tensor<4x3xf32> {loom.tied_to = 0 : i64}, tensor<4x3xf32> {loom.tied_to = 1 : i64})
func.func @entry(%w: tensor<4x3xf32> {loom.param = "w", loom.init = #loom.init<xavier_uniform, 1.0>},
                 %m: tensor<4x3xf32> {loom.state = "w.m"},
                 %x: tensor<2x4xf32> {loom.input = "x"})
    -> (tensor<f32>, tensor<4x3xf32> {loom.tied_to = 0 : i64}, tensor<4x3xf32> {loom.tied_to = 1 : i64}) {
  %y = loom.matmul %x, %w : tensor<2x4xf32>, tensor<4x3xf32> -> tensor<2x3xf32>
  %l = loom.reduce_sum %y axes = [0, 1] : tensor<2x3xf32> -> tensor<f32>
  return %l, %w, %m : tensor<f32>, tensor<4x3xf32>, tensor<4x3xf32>
}

// CHECK-LABEL: func.func @gradient
// CHECK-SAME: %{{.*}}: tensor<4xf32> {loom.differentiate}
// CHECK-SAME: -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64})
func.func @gradient(%x: tensor<4xf32> {loom.differentiate}, %i: tensor<4xi32>)
    -> (tensor<f32>, tensor<4xf32> {loom.gradient = 0 : i64}) {
  %l = loom.reduce_sum %x axes = [0] : tensor<4xf32> -> tensor<f32>
  return %l, %x : tensor<f32>, tensor<4xf32>
}

// Results may be named; the names are what the runtime and the CLI call them.
// CHECK-LABEL: func.func @named
// CHECK-SAME: -> (tensor<4xf32> {loom.result = "reconstruction"}, tensor<f32> {loom.result = "loss"})
func.func @named(%x: tensor<4xf32> {loom.input = "x"})
    -> (tensor<4xf32> {loom.result = "reconstruction"}, tensor<f32> {loom.result = "loss"}) {
  %l = loom.reduce_sum %x axes = [0] : tensor<4xf32> -> tensor<f32>
  return %x, %l : tensor<4xf32>, tensor<f32>
}

// Codegen keeps the attributes through bufferization: a float memref may be
// differentiated, an integer one may not (abi-invalid.mlir).
// CHECK-LABEL: func.func @bufferized
// CHECK-SAME: %{{.*}}: memref<4xf32> {loom.differentiate}
func.func @bufferized(%x: memref<4xf32> {loom.differentiate}) {
  return
}
