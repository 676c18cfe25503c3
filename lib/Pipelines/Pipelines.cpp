//===- Pipelines.cpp - Named Loom pass pipelines --------------------------===//
#include "loom/Pipelines/Pipelines.h"

#include "loom/Codegen/Passes.h"
#include "loom/Conversion/Passes.h"

#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVMPass.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/MathToLibm/MathToLibm.h"
#include "mlir/Conversion/MemRefToLLVM/MemRefToLLVM.h"
#include "mlir/Conversion/OpenMPToLLVM/ConvertOpenMPToLLVM.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Conversion/SCFToOpenMP/SCFToOpenMP.h"
#include "mlir/Conversion/UBToLLVM/UBToLLVM.h"
#include "mlir/Conversion/VectorToLLVM/ConvertVectorToLLVMPass.h"
#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Conversion/AffineToStandard/AffineToStandard.h"
#include "mlir/Conversion/BufferizationToMemRef/BufferizationToMemRef.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

namespace loom {

void buildLoomStage(OpPassManager &pm) {
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}

void buildLinalgStage(OpPassManager &pm) {
  pm.addPass(createConvertLoomToLinalg());
  pm.addPass(createCanonicalizerPass());
  pm.addNestedPass<func::FuncOp>(createFuseElementwise());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}

void buildCPUStrategyStage(OpPassManager &pm,
                           const CPUCodegenOptions &options) {
  // Calling convention: a public function must not be called inside the
  // module once its results become out-parameters.
  pm.addPass(createInlinerPass());
  pm.addPass(createResultsToOutParams());
  pm.addNestedPass<func::FuncOp>(createUpdateTiedInPlace());
  // The decisions, from the target's description. Convolutions are rewritten
  // and operands packed as the strategy chose, and the ops each creates are
  // configured in turn (a product of a rewritten convolution may be packed).
  pm.addPass(createAttachCPUTarget(options.target));
  SelectLoweringConfigOptions strategy;
  strategy.threads = options.threads;
  OpPassManager &onTensors = pm.nest<func::FuncOp>();
  onTensors.addPass(createSelectLoweringConfig(strategy));
  onTensors.addPass(createRewriteConvolutions());
  onTensors.addPass(createSelectLoweringConfig(strategy));
  onTensors.addPass(createPack());
  onTensors.addPass(createSelectLoweringConfig(strategy));
}

void buildCPUTilingStage(OpPassManager &pm, const CPUCodegenOptions &) {
  // Tiles on tensors, where fusion is an SSA rewrite: thread tiles, cache
  // tiles, register tiles, then the reductions inside them.
  OpPassManager &onTensors = pm.nest<func::FuncOp>();
  for (StringRef level : {"distribution", "cache", "register", "reduction"}) {
    TileAndFuseOptions tiling;
    tiling.level = level.str();
    onTensors.addPass(createTileAndFuse(tiling));
  }
}

void buildCPUVectorizationStage(OpPassManager &pm,
                                const CPUCodegenOptions &) {
  OpPassManager &onTensors = pm.nest<func::FuncOp>();
  onTensors.addPass(createVectorize());
  onTensors.addPass(createHoistAccumulators());
  onTensors.addPass(createCanonicalizerPass());
  onTensors.addPass(createCSEPass());
}

void buildCPUBufferizationStage(OpPassManager &pm,
                                const CPUCodegenOptions &options) {
  // Buffers: results computed in the caller's out-parameters, no leaks.
  pm.addPass(createEliminateEmptyTensors());
  pm.addPass(createBufferize());
  // Identical subviews merge, so self-copies of slices written in place fold.
  pm.addPass(createCSEPass());
  pm.addPass(createCanonicalizerPass());
  bufferization::buildBufferDeallocationPipeline(pm);
  pm.addPass(createConvertBufferizationToMemRefPass());
  // Temporaries in one caller-provided workspace: a call allocates nothing.
  if (options.planWorkspace)
    pm.addPass(createPlanWorkspace());
}

void buildCPULLVMStage(OpPassManager &pm, const CPUCodegenOptions &options) {
  bool multiThreaded = options.threads > 1;
  // Every decision is carried out; the rest needs no loom dialect.
  pm.addPass(createStripLoweringAttrs());
  // One function per kernel: LLVM and the passes below see one at a time.
  pm.addPass(createOutlineKernels());
  // Vector ops down to 1-D LLVM-ready forms; leftover linalg ops to loops.
  OpPassManager &onBuffers = pm.nest<func::FuncOp>();
  onBuffers.addPass(createLowerVectors());
  onBuffers.addPass(createConvertLinalgToLoopsPass());
  onBuffers.addPass(createConvertVectorToSCFPass(
      VectorTransferToSCFOptions().enableFullUnroll()));
  onBuffers.addPass(createCanonicalizerPass());
  onBuffers.addPass(createCSEPass());

  // The distributed tile loops become OpenMP worksharing loops: a team of
  // `threads` threads splits their iterations statically. Each loop body is
  // wrapped in a `memref.alloca_scope`, which must keep a single block:
  // canonicalization inlines the scopes (the bodies allocate nothing on the
  // stack) before scf-to-cf splits the inner loops into blocks.
  if (multiThreaded) {
    pm.addPass(createForallToParallelLoopPass());
    ConvertSCFToOpenMPPassOptions openMP;
    openMP.numThreads = options.threads;
    pm.addPass(createConvertSCFToOpenMPPass(openMP));
    pm.addPass(createCanonicalizerPass());
  }

  // Everything to the LLVM dialect.
  pm.addPass(createLowerAffinePass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(createConvertVectorToLLVMPass());
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createConvertMathToLibmPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createUBToLLVMConversionPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  if (multiThreaded)
    pm.addPass(createConvertOpenMPToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createCanonicalizerPass());
}

ArrayRef<PipelineStage> cpuStages() {
  static const PipelineStage stages[] = {
      {"loom", "loom dialect, canonicalized",
       [](OpPassManager &pm, const CPUCodegenOptions &) { buildLoomStage(pm); }},
      {"linalg", "linalg on tensors, elementwise ops fused",
       [](OpPassManager &pm, const CPUCodegenOptions &) {
         buildLinalgStage(pm);
       }},
      {"strategy", "calling convention applied, lowering decided",
       buildCPUStrategyStage},
      {"tiled", "root ops tiled, their fusion groups in their tiles",
       buildCPUTilingStage},
      {"vectorized", "tiles vectorized, accumulators hoisted",
       buildCPUVectorizationStage},
      {"bufferized", "tensors replaced by buffers", buildCPUBufferizationStage},
      {"llvm", "LLVM dialect (everything)", buildCPULLVMStage},
  };
  return stages;
}

void buildCPUCodegenStage(OpPassManager &pm,
                          const CPUCodegenOptions &options) {
  for (const PipelineStage &stage : cpuStages().drop_front(2))
    stage.build(pm, options);
}

bool buildCPUPipeline(OpPassManager &pm, StringRef last,
                      const CPUCodegenOptions &options) {
  ArrayRef<PipelineStage> stages = cpuStages();
  const auto *end = llvm::find_if(
      stages, [&](const PipelineStage &stage) { return stage.name == last; });
  if (end == stages.end())
    return false;
  for (const PipelineStage &stage : stages.take_front(end - stages.begin() + 1))
    stage.build(pm, options);
  return true;
}

} // namespace loom
