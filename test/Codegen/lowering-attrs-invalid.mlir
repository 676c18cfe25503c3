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

// -----

// expected-error @+1 {{sm must be a compute capability of at least 50, got 35}}
module attributes {loom.target = #loom.gpu_target<sm = 35, warp_size = 32, max_threads_per_block = 1024, shared_memory_per_block = 49152>} {}

// -----

// expected-error @+1 {{warp_size must be a power of two, got 24}}
module attributes {loom.target = #loom.gpu_target<sm = 80, warp_size = 24, max_threads_per_block = 1024, shared_memory_per_block = 49152>} {}

// -----

// expected-error @+1 {{max_threads_per_block must be a positive multiple of warp_size, got 1000}}
module attributes {loom.target = #loom.gpu_target<sm = 80, warp_size = 32, max_threads_per_block = 1000, shared_memory_per_block = 49152>} {}

// -----

// expected-error @+1 {{shared_memory_per_block must be positive}}
module attributes {loom.target = #loom.gpu_target<sm = 80, warp_size = 32, max_threads_per_block = 1024, shared_memory_per_block = 0>} {}

// -----

// expected-error @+1 {{thread_tiles has 1 entries where the other sizes have 2 (one per loop)}}
func.func @f() attributes {c = #loom.lowering_config<distribution_tiles = [1, 256], thread_tiles = [1]>} { return }

// -----

// expected-error @+1 {{an op has thread_tiles or warp_tiles, not both}}
func.func @f() attributes {c = #loom.lowering_config<vector_sizes = [16, 8, 8], thread_tiles = [1, 1, 0], warp_tiles = [16, 8, 0]>} { return }

// -----

// expected-error @+1 {{warp_tiles need vector_sizes (the shape of one tensor-core instruction)}}
func.func @f() attributes {c = #loom.lowering_config<distribution_tiles = [32, 32, 0], warp_tiles = [16, 8, 0]>} { return }
