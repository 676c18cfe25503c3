// RUN: loom-opt %s -split-input-file -loom-cpu-attach-target | FileCheck %s
// RUN: loom-opt %s -split-input-file '-loom-cpu-attach-target=vector-bits=256 vector-registers=16' | FileCheck %s --check-prefix=AVX2
// RUN: not loom-opt %s -split-input-file '-loom-cpu-attach-target=vector-bits=96' 2>&1 | FileCheck %s --check-prefix=BAD

// CHECK-LABEL: module attributes {loom.target = #loom.cpu_target<vector_bits = 512, vector_registers = 32, fma_units = 2, l1_cache = 32768, l2_cache = 1048576, l3_cache = 33554432>}
// AVX2-LABEL: module attributes {loom.target = #loom.cpu_target<vector_bits = 256, vector_registers = 16, fma_units = 2, l1_cache = 32768, l2_cache = 1048576, l3_cache = 33554432>}
// BAD: vector_bits must be a power of two of at least 128, got 96
module {
}

// -----

// A target the module already has stays.
// CHECK-LABEL: module attributes {loom.target = #loom.cpu_target<vector_bits = 128, vector_registers = 16, fma_units = 1, l1_cache = 1, l2_cache = 2, l3_cache = 3>}
// AVX2-LABEL: module attributes {loom.target = #loom.cpu_target<vector_bits = 128,
module attributes {loom.target = #loom.cpu_target<vector_bits = 128, vector_registers = 16, fma_units = 1, l1_cache = 1, l2_cache = 2, l3_cache = 3>} {
}
