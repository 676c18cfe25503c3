// RUN: loom-opt %s | loom-opt | FileCheck %s
// RUN: loom-opt %s --mlir-print-op-generic | loom-opt | FileCheck %s

// CHECK-LABEL: func.func @elementwise
func.func @elementwise(%a: tensor<4x8xf32>, %b: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // CHECK: loom.add %{{.*}}, %{{.*}} : tensor<4x8xf32>
  %0 = loom.add %a, %b : tensor<4x8xf32>
  // CHECK: loom.leaky_relu %{{.*}}, 2.000000e-01 : tensor<4x8xf32>
  %1 = loom.leaky_relu %0, 0.2 : tensor<4x8xf32>
  // CHECK: loom.gelu
  %2 = loom.gelu %1 : tensor<4x8xf32>
  return %2 : tensor<4x8xf32>
}
