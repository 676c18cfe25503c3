// loomc --emit=<stage> prints the module after each stage of the CPU
// pipeline, and loom-opt's loom-cpu-pipeline{stop-after=<stage>} stops at the
// same place: both read one list of stages. Each prefix checks what tells its
// stage from the one before.
// RUN: loomc %s --emit=loom | FileCheck %s --check-prefix=LOOM
// RUN: loomc %s --emit=linalg | FileCheck %s --check-prefix=LINALG
// RUN: loomc %s --emit=strategy | FileCheck %s --check-prefix=STRATEGY
// RUN: loomc %s --emit=tiled | FileCheck %s --check-prefix=TILED
// RUN: loomc %s --emit=vectorized | FileCheck %s --check-prefix=VECTORIZED
// RUN: loomc %s --emit=bufferized | FileCheck %s --check-prefix=BUFFERIZED
// RUN: loomc %s --emit=llvm | FileCheck %s --check-prefix=LLVM
// RUN: loomc %s --emit=llvmir | FileCheck %s --check-prefix=LLVMIR
// RUN: loom-opt %s --loom-cpu-pipeline="stop-after=loom" | FileCheck %s --check-prefix=LOOM
// RUN: loom-opt %s --loom-cpu-pipeline="stop-after=linalg" | FileCheck %s --check-prefix=LINALG
// RUN: loom-opt %s --loom-cpu-pipeline="stop-after=strategy" | FileCheck %s --check-prefix=STRATEGY
// RUN: loom-opt %s --loom-cpu-pipeline="stop-after=tiled" | FileCheck %s --check-prefix=TILED
// RUN: loom-opt %s --loom-cpu-pipeline="stop-after=vectorized" | FileCheck %s --check-prefix=VECTORIZED
// RUN: loom-opt %s --loom-cpu-pipeline="stop-after=bufferized" | FileCheck %s --check-prefix=BUFFERIZED
// RUN: loom-opt %s --loom-cpu-pipeline | FileCheck %s --check-prefix=LLVM
// RUN: not loom-opt %s --loom-cpu-pipeline="stop-after=fused" 2>&1 | FileCheck %s --check-prefix=UNKNOWN

// LOOM-LABEL: func.func @dense
// LOOM: loom.matmul
// LOOM: loom.relu
// LOOM-NOT: linalg.

// LINALG-LABEL: func.func @dense({{.*}}) -> tensor<16x64xf32>
// LINALG-NOT: loom.
// LINALG: linalg.matmul
// LINALG: linalg.generic

// The result is an out-parameter; the ops are not tiled yet.
// STRATEGY-LABEL: func.func @dense({{.*}}: tensor<16x32xf32> {{.*}}, %{{.*}}: memref<16x64xf32>) attributes {{{.*}}llvm.emit_c_interface
// STRATEGY-NOT: scf.for
// STRATEGY: linalg.matmul
// STRATEGY: bufferization.materialize_in_destination

// TILED-LABEL: func.func @dense
// TILED: scf.for
// TILED: tensor.extract_slice
// TILED-NOT: memref.alloc

// VECTORIZED-LABEL: func.func @dense
// VECTORIZED-NOT: linalg.matmul
// VECTORIZED: scf.for
// VECTORIZED: vector.contract

// Buffers instead of tensors, inputs included.
// BUFFERIZED-LABEL: func.func @dense(%{{.*}}: memref<16x32xf32>, %{{.*}}: memref<32x64xf32>, %{{.*}}: memref<16x64xf32>)
// BUFFERIZED-NOT: tensor<
// BUFFERIZED: vector.contract

// LLVM-NOT: func.func
// LLVM: llvm.func @dense
// LLVM: llvm.func @_mlir_ciface_dense
// LLVM: llvm.func internal @dense_k0
// LLVM: llvm.intr.fmuladd

// LLVMIR: define void @_mlir_ciface_dense(ptr

// UNKNOWN: error: loom-cpu-pipeline: unknown stop-after stage 'fused'
func.func @dense(%x: tensor<16x32xf32>, %w: tensor<32x64xf32>) -> tensor<16x64xf32> {
  %0 = loom.matmul %x, %w : tensor<16x32xf32>, tensor<32x64xf32> -> tensor<16x64xf32>
  %1 = loom.relu %0 : tensor<16x64xf32>
  return %1 : tensor<16x64xf32>
}
