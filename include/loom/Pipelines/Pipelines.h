//===- Pipelines.h - Named Loom pass pipelines ------------------*- C++ -*-===//
#ifndef LOOM_PIPELINES_PIPELINES_H
#define LOOM_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassManager.h"

namespace loom {

/// The stages a module passes through on its way to machine code, in order.
/// Each `build*Stage` function appends the passes that take a module from the
/// previous stage to this one, so tools can stop after any of them.
enum class Stage {
  Loom,   ///< loom dialect after canonicalization (the input, cleaned)
  Linalg, ///< linalg/tensor/arith on tensors, elementwise ops fused
  LLVM,   ///< LLVM dialect: tiled, vectorized, bufferized, lowered
};

/// Choices of the CPU code generation stage.
struct CPUCodegenOptions {
  /// Threads that run the generated code. With more than one, the parallel
  /// tile loops of large ops become OpenMP worksharing loops on a team of
  /// this many threads (the code then calls libomp's `__kmpc_*` entry
  /// points); results are bit-identical to one thread. 0 and 1 give
  /// sequential code with no runtime calls.
  unsigned threads = 1;
};

/// loom -> loom: canonicalize and CSE.
void buildLoomStage(mlir::OpPassManager &pm);
/// loom -> linalg on tensors, fused.
void buildLinalgStage(mlir::OpPassManager &pm);
/// linalg on tensors -> LLVM dialect for the host CPU (tile, vectorize,
/// bufferize with outputs passed as out-parameters, lower).
///
/// Calling convention of the result: every public function
/// `@f(tensor...) -> (tensor...)` becomes `@f(memref..., memref...) -> ()`
/// with identity layouts and `llvm.emit_c_interface`, so `_mlir_ciface_f`
/// takes pointers to strided memref descriptors: the inputs (never written),
/// then one caller-allocated output per original result (must not alias an
/// input). Public functions must not call each other after inlining; scalar
/// results are rejected. The code allocates only temporaries, which it frees,
/// and calls no runtime library (only libm, for math ops without a polynomial
/// approximation, e.g. on f64; and libomp with `options.threads` > 1).
void buildCPUCodegenStage(mlir::OpPassManager &pm,
                          const CPUCodegenOptions &options = {});
/// All stages up to and including `last`.
void buildCPUPipeline(mlir::OpPassManager &pm, Stage last = Stage::LLVM,
                      const CPUCodegenOptions &options = {});

/// Registers with mlir-opt style tools: `loom-cpu-pipeline` (everything;
/// options `stop-after=loom|linalg|llvm` and `threads=N`) and
/// `loom-cpu-codegen` (the last stage alone, for linalg-on-tensors input;
/// option `threads=N`).
void registerPipelines();

} // namespace loom

#endif
