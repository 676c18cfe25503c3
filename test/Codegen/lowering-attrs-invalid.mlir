// RUN: loom-opt %s -split-input-file -verify-diagnostics

// expected-error @+1 {{vector_bits must be a power of two of at least 128, got 384}}
module attributes {loom.target = #loom.cpu_target<vector_bits = 384, vector_registers = 16, fma_units = 2, l1_cache = 1, l2_cache = 1, l3_cache = 1>} {}

// -----

// expected-error @+1 {{vector_registers and fma_units must be positive}}
module attributes {loom.target = #loom.cpu_target<vector_bits = 256, vector_registers = 0, fma_units = 2, l1_cache = 1, l2_cache = 1, l3_cache = 1>} {}

// -----

// expected-error @+1 {{cache sizes must be positive}}
module attributes {loom.target = #loom.cpu_target<vector_bits = 256, vector_registers = 16, fma_units = 2, l1_cache = 0, l2_cache = 1, l3_cache = 1>} {}

// -----

// expected-error @+1 {{reduction_tiles has 2 entries where the other sizes have 3 (one per loop)}}
func.func @f() attributes {c = #loom.lowering_config<register_tiles = [8, 16, 0], reduction_tiles = [0, 1]>} { return }

// -----

// expected-error @+1 {{register_tiles must not be negative}}
func.func @f() attributes {c = #loom.lowering_config<register_tiles = [-1]>} { return }

// -----

// expected-error @+1 {{vector_sizes must be positive}}
func.func @f() attributes {c = #loom.lowering_config<vector_sizes = [8, 0]>} { return }

// -----

// expected-error @+1 {{fused_producers must be distinct operand numbers}}
func.func @f() attributes {c = #loom.lowering_config<root = true, fused_producers = [2, 2]>} { return }
