// RUN: loom-opt %s -split-input-file -loom-gpu-attach-target | FileCheck %s
// RUN: loom-opt %s -split-input-file -loom-gpu-attach-target="sm=90 max-threads-per-block=512" | FileCheck %s --check-prefix=SM90
// RUN: not loom-opt %s -split-input-file -loom-gpu-attach-target="warp-size=0" 2>&1 | FileCheck %s --check-prefix=BAD

// The defaults are sm_80's; a module's own target is kept.

// CHECK-LABEL: module @plain
// CHECK-SAME: loom.target = #loom.gpu_target<sm = 80, warp_size = 32, max_threads_per_block = 1024, shared_memory_per_block = 49152>
// SM90-LABEL: module @plain
// SM90-SAME: loom.target = #loom.gpu_target<sm = 90, warp_size = 32, max_threads_per_block = 512, shared_memory_per_block = 49152>
// BAD: warp_size must be a power of two, got 0
module @plain {}

// -----

// CHECK-LABEL: module @own
// CHECK-SAME: #loom.gpu_target<sm = 86, warp_size = 32, max_threads_per_block = 256, shared_memory_per_block = 1024>
module @own attributes {loom.target = #loom.gpu_target<sm = 86, warp_size = 32, max_threads_per_block = 256, shared_memory_per_block = 1024>} {}
