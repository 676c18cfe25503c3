// loomc --bench: compiles once, times at least 20 calls after a warm-up, and
// counts the flops of the contractions from the IR: 2 x 8 x 32 x 16 = 8192
// for the matmul, 2 x 144 outputs x 18 taps = 5184 for the convolution and
// as many for its transpose (18560 in all), through the call.
//
// RUN: loomc %s --bench --peak-gflops=100 | FileCheck %s
// RUN: loomc %s --bench --entry=conv_only --peak-gflops=100 | FileCheck %s --check-prefix=CONV
//
// A training step counts its own contractions only, not the model's
// functions beside it: the forward 8x784x4 product and the weight
// gradient's 784x8x4, 2 x 25088 multiply-adds each (x needs no gradient).
// RUN: loomc %S/Inputs/other-params.mlir --train-step --bench --peak-gflops=100 | FileCheck %s --check-prefix=STEP

// CHECK: entry @main (0 parameters, seed 0)
// CHECK-NEXT: calls: {{[0-9]+}} after one warm-up, {{[0-9.]+}} s
// CHECK-NEXT: time: median {{[0-9.]+}} ms, min {{[0-9.]+}} ms, max {{[0-9.]+}} ms
// CHECK-NEXT: contractions: 1.856e-05 GFLOP per call, {{[0-9.]+}} GFLOP/s at the median, {{[0-9.]+}}% of the 100.0 GFLOP/s FMA peak
// CHECK-NEXT: median_ms={{[0-9.]+$}}
// CHECK-NOT: {{.}}

// STEP: training step @train_step
// STEP: contractions: 0.0001004 GFLOP per call
// STEP-NEXT: median_ms=

// CONV: entry @conv_only
// CONV: contractions: 1.037e-05 GFLOP per call
// CONV-NEXT: median_ms=

func.func @main(%a: tensor<8x32xf32>, %b: tensor<32x16xf32>, %x: tensor<1x2x8x8xf32>, %w: tensor<4x2x3x3xf32>) -> (tensor<8x16xf32>, tensor<1x2x8x8xf32>) {
  %m = loom.matmul %a, %b : tensor<8x32xf32>, tensor<32x16xf32> -> tensor<8x16xf32>
  %t = call @conv_only(%x, %w) : (tensor<1x2x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x8x8xf32>
  return %m, %t : tensor<8x16xf32>, tensor<1x2x8x8xf32>
}

func.func @conv_only(%x: tensor<1x2x8x8xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x8x8xf32> {
  %y = loom.conv2d %x, %w strides = [1, 1] padding = [0, 0] : tensor<1x2x8x8xf32>, tensor<4x2x3x3xf32> -> tensor<1x4x6x6xf32>
  %t = loom.conv2d_transpose %y, %w strides = [1, 1] padding = [0, 0] : tensor<1x4x6x6xf32>, tensor<4x2x3x3xf32> -> tensor<1x2x8x8xf32>
  return %t : tensor<1x2x8x8xf32>
}
