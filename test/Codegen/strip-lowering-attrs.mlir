// RUN: loom-opt %s -loom-strip-lowering-attrs | FileCheck %s

// The decisions are removed; every other attribute stays.

// CHECK-LABEL: module attributes {other.attr = 1 : i64} {
// CHECK: func.func @f
// CHECK-NOT: loom.
// CHECK: linalg.fill {kept = 2 : i64} ins
module attributes {loom.target = #loom.cpu_target<vector_bits = 512, vector_registers = 32, fma_units = 2, l1_cache = 32768, l2_cache = 1048576, l3_cache = 33554432>, other.attr = 1} {
  func.func @f(%x: tensor<16xf32>) -> tensor<16xf32> {
    %zero = arith.constant 0.0 : f32
    %r = linalg.fill {kept = 2, loom.lowering_config = #loom.lowering_config<register_tiles = [16], root = true>}
        ins(%zero : f32) outs(%x : tensor<16xf32>) -> tensor<16xf32>
    return %r : tensor<16xf32>
  }
}
