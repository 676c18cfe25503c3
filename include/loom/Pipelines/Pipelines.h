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

/// loom -> loom: canonicalize and CSE.
void buildLoomStage(mlir::OpPassManager &pm);
/// loom -> linalg on tensors, fused.
void buildLinalgStage(mlir::OpPassManager &pm);
/// linalg on tensors -> LLVM dialect for the host CPU (tile, vectorize,
/// bufferize with outputs passed as out-parameters, lower).
void buildCPUCodegenStage(mlir::OpPassManager &pm);
/// All stages up to and including `last`.
void buildCPUPipeline(mlir::OpPassManager &pm, Stage last = Stage::LLVM);

/// Registers `loom-cpu-pipeline` (everything) with mlir-opt style tools.
void registerPipelines();

} // namespace loom

#endif
