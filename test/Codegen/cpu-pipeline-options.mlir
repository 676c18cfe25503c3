// loom-opt's pipelines take the CPU by its LLVM name, as loomc --cpu does:
// the strategy reads that CPU's description. Without cpu= the target is the
// generic AVX-512 core, the same on every machine.
// RUN: loom-opt %s --loom-cpu-pipeline="cpu=x86-64-v3 stop-after=strategy" | FileCheck %s --check-prefix=V3
// RUN: loom-opt %s --loom-cpu-pipeline="stop-after=strategy" | FileCheck %s --check-prefix=GENERIC
// RUN: loom-opt %s --loom-cpu-pipeline="cpu=x86-64-v3 features=-avx2,-fma,-avx stop-after=strategy" | FileCheck %s --check-prefix=SSE
// RUN: not loom-opt %s --loom-cpu-pipeline="cpu=no-such-cpu" 2>&1 | FileCheck %s --check-prefix=BAD-CPU
// RUN: not loom-opt %s --loom-cpu-pipeline="features=+avx2" 2>&1 | FileCheck %s --check-prefix=BAD-FEATURES
// RUN: not loom-opt %s --loom-cpu-codegen="cpu=no-such-cpu" 2>&1 | FileCheck %s --check-prefix=BAD-CPU

// 256-bit registers: eight f32 lanes per register tile row.
// V3-LABEL: module attributes {loom.target = #loom.cpu_target<vector_bits = 256, vector_registers = 16
// V3: linalg.matmul {loom.lowering_config = #loom.lowering_config<{{.*}}vector_sizes = [8, 8, 1]

// GENERIC-LABEL: module attributes {loom.target = #loom.cpu_target<vector_bits = 512, vector_registers = 32
// GENERIC: linalg.matmul {loom.lowering_config = #loom.lowering_config<{{.*}}vector_sizes = [8, 16, 1]

// SSE-LABEL: module attributes {loom.target = #loom.cpu_target<vector_bits = 128, vector_registers = 16
// SSE: linalg.matmul {loom.lowering_config = #loom.lowering_config<{{.*}}vector_sizes = [8, 4, 1]

// BAD-CPU: error: loom-cpu-{{pipeline|codegen}}: {{.*}}no-such-cpu
// BAD-FEATURES: error: loom-cpu-pipeline: features= needs cpu=

func.func @dense(%x: tensor<16x32xf32>, %w: tensor<32x64xf32>) -> tensor<16x64xf32> {
  %y = loom.matmul %x, %w : tensor<16x32xf32>, tensor<32x64xf32> -> tensor<16x64xf32>
  return %y : tensor<16x64xf32>
}
