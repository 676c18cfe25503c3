// The training step updates parameters and optimizer state in place: after
// bufferization (printed after convert-bufferization-to-memref, inside the
// real CPU pipeline) every parameter and state argument is a plain memref
// that the update loops write directly, the only out-parameter is the loss,
// and nothing copies a parameter.
//
// RUN: loomc %s --train-step --optimizer=sgd --emit=linalg \
// RUN:   | loom-opt -loom-cpu-codegen -mlir-print-ir-after=convert-bufferization-to-memref -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=SGD
// RUN: loomc %s --train-step --optimizer=adam --emit=linalg \
// RUN:   | loom-opt -loom-cpu-codegen -mlir-print-ir-after=convert-bufferization-to-memref -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ADAM

func.func @loss(%x: tensor<64x32xf32> {loom.input = "x"},
                %y: tensor<64x16xf32> {loom.input = "y"},
                %w: tensor<32x16xf32> {loom.param = "w", loom.init = #loom.init<normal, 1.0>})
    -> tensor<f32> {
  %0 = loom.matmul %x, %w : tensor<64x32xf32>, tensor<32x16xf32> -> tensor<64x16xf32>
  %1 = loom.sub %0, %y : tensor<64x16xf32>
  %2 = loom.square %1 : tensor<64x16xf32>
  %3 = loom.reduce_mean %2 axes = [0, 1] : tensor<64x16xf32> -> tensor<f32>
  return %3 : tensor<f32>
}

// With SGD the gradient x^T (2/N)(xw - y) is computed tile by tile inside the
// update loop, which writes w's buffer: no buffer of w's shape exists at all.
// SGD-LABEL: func.func @train_step
// SGD-SAME: (%[[W:[^:]*]]: memref<32x16xf32> {loom.init = {{.*}}, loom.param = "w"},
// SGD-SAME: %{{[^:]*}}: memref<64x32xf32> {loom.input = "x"}, %{{[^:]*}}: memref<64x16xf32> {loom.input = "y"},
// SGD-SAME: %[[LOSS:[^:]*]]: memref<f32>)
// SGD-NOT: memref.alloc() {{.*}}: memref<32x16xf32>
// SGD-NOT: memref.copy
// SGD-NOT: linalg.copy
// SGD: vector.transfer_write %{{.*}}, %[[W]][
// SGD-NOT: memref.alloc() {{.*}}: memref<32x16xf32>
// SGD-NOT: memref.copy
// SGD-NOT: linalg.copy
// SGD: return

// With Adam the gradient feeds three updates (exp_avg, exp_avg_sq, w), so it gets
// the one buffer of w's shape; exp_avg, exp_avg_sq, the step counter and w
// are written in their own buffers.
// ADAM-LABEL: func.func @train_step
// ADAM-SAME: (%[[W:[^:]*]]: memref<32x16xf32> {loom.init = {{.*}}, loom.param = "w"},
// ADAM-SAME: %[[M:[^:]*]]: memref<32x16xf32> {loom.state = "w.exp_avg"},
// ADAM-SAME: %[[V:[^:]*]]: memref<32x16xf32> {loom.state = "w.exp_avg_sq"},
// ADAM-SAME: %[[STEP:[^:]*]]: memref<f32> {loom.state = "step"},
// ADAM-SAME: %{{[^:]*}}: memref<64x32xf32> {loom.input = "x"}, %{{[^:]*}}: memref<64x16xf32> {loom.input = "y"},
// ADAM-SAME: %[[LOSS:[^:]*]]: memref<f32>)
// ADAM-NOT: memref.copy
// ADAM-NOT: linalg.copy
// ADAM: %[[GRAD:.*]] = memref.alloc() {{.*}}: memref<32x16xf32>
// ADAM-NOT: memref.alloc() {{.*}}: memref<32x16xf32>
// ADAM-NOT: memref.copy
// ADAM-NOT: linalg.copy
// ADAM: ins(%[[STEP]] : memref<f32>) outs(%[[STEP]] : memref<f32>)
// ADAM: vector.transfer_write %{{.*}}, %[[M]][
// ADAM: vector.transfer_write %{{.*}}, %[[V]][
// ADAM: vector.transfer_write %{{.*}}, %[[W]][
// ADAM-NOT: memref.alloc() {{.*}}: memref<32x16xf32>
// ADAM-NOT: memref.copy
// ADAM-NOT: linalg.copy
// ADAM: memref.dealloc %[[GRAD]]
