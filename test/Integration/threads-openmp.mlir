// A dense layer large enough to be distributed over threads (128x256
// outputs, K = 64). With --num-threads=2 the output tiles become an OpenMP
// worksharing loop on a team of 2 threads; with 1 the code has no OpenMP.
// REQUIRES: openmp
// RUN: loomc %s --emit=llvm --num-threads=2 | FileCheck %s --check-prefix=DIALECT
// RUN: loomc %s --emit=llvmir --num-threads=2 | FileCheck %s --check-prefix=IR
// RUN: loomc %s --emit=llvmir | FileCheck %s --check-prefix=SEQUENTIAL
// RUN: loom-opt %s -pass-pipeline='builtin.module(loom-cpu-pipeline{threads=2})' | FileCheck %s --check-prefix=DIALECT

// Both thread counts give the same bits.
// RUN: rm -rf %t && mkdir -p %t/one %t/two
// RUN: loomc %s --run --num-threads=1 --outputs=%t/one | FileCheck %s --check-prefix=EXECUTE
// RUN: loomc %s --run --num-threads=2 --outputs=%t/two | FileCheck %s --check-prefix=EXECUTE
// RUN: cmp %t/one/result0.npy %t/two/result0.npy

// RUN: not loomc %s --run --num-threads=0 2>&1 | FileCheck %s --check-prefix=ZERO

// The kernel is its own function (loom-outline-kernels).
// DIALECT-LABEL: llvm.func internal @dense_k0
// DIALECT: %[[TWO:.*]] = llvm.mlir.constant(2 : i32) : i32
// DIALECT: omp.parallel num_threads(%[[TWO]] : i32)
// DIALECT-NEXT: omp.wsloop
// DIALECT-NEXT: omp.loop_nest ({{.*}}) : i64 = ({{.*}}) to ({{.*}}) step ({{.*}}) collapse(2)
// DIALECT: llvm.intr.fmuladd
// DIALECT: omp.yield

// IR-LABEL: define internal {{.*}}void @dense_k0(
// IR: call void @__kmpc_push_num_threads(ptr {{.*}}@{{.*}}, i32 %{{.*}}, i32 2)
// IR: call void {{.*}}@__kmpc_fork_call(ptr {{.*}}@{{.*}}, i32 {{[0-9]+}}, ptr {{.*}}@dense_k0..omp_par
// IR: define internal void @dense_k0..omp_par(
// IR: call void @__kmpc_for_static_init_8u(

// The entry's descriptor-taking body is internal: only the C interface
// wrapper is public (LLVMPipeline.cpp, internalizeEntryBodies).
// SEQUENTIAL-NOT: __kmpc
// SEQUENTIAL-NOT: define void @dense(
// SEQUENTIAL: define void @_mlir_ciface_dense(
// SEQUENTIAL-NOT: __kmpc
// SEQUENTIAL-NOT: define void @dense(

// EXECUTE: entry @dense
// EXECUTE-NEXT: result #0: tensor<128x256xf32>

// ZERO: loomc: error: thread count 0 is out of range 1-1024
func.func @dense(%x: tensor<128x64xf32>, %w: tensor<64x256xf32>, %b: tensor<256xf32>) -> tensor<128x256xf32> {
  %xw = loom.matmul %x, %w : tensor<128x64xf32>, tensor<64x256xf32> -> tensor<128x256xf32>
  %bb = loom.broadcast_in_dim %b dims = [1] : tensor<256xf32> -> tensor<128x256xf32>
  %s = loom.add %xw, %bb : tensor<128x256xf32>
  %r = loom.relu %s : tensor<128x256xf32>
  return %r : tensor<128x256xf32>
}
