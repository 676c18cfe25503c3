// RUN: loom-opt %s -convert-loom-to-linalg -split-input-file -verify-diagnostics

func.func @dynamic_elementwise(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  // expected-error @+1 {{'loom.relu' op needs static shapes to lower to linalg, got 'tensor<?x4xf32>'}}
  %0 = loom.relu %x : tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

func.func @dynamic_matmul(%a: tensor<4x?xf32>, %b: tensor<?x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'loom.matmul' op needs static shapes to lower to linalg, got 'tensor<4x?xf32>'}}
  %0 = loom.matmul %a, %b : tensor<4x?xf32>, tensor<?x8xf32> -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}
