//===- GPUPipelines.cpp - The NVPTX pass pipeline -------------------------===//
#include "loom/Pipelines/Pipelines.h"

#include "loom/Codegen/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/GPU/Pipelines/Passes.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

namespace loom {

void buildGPUStrategyStage(OpPassManager &pm,
                           const GPUCodegenOptions &options) {
  // The same calling convention as the CPU's: results become out-parameters.
  pm.addPass(createInlinerPass());
  pm.addPass(createResultsToOutParams());
  pm.addNestedPass<func::FuncOp>(createUpdateTiedInPlace());
  pm.addPass(createAttachGPUTarget(options.target));
  SelectGPULoweringConfigOptions strategy;
  strategy.threadsPerBlock = options.threadsPerBlock;
  OpPassManager &onTensors = pm.nest<func::FuncOp>();
  onTensors.addPass(createSelectGPULoweringConfig(strategy));
  onTensors.addPass(createRewriteConvolutions());
  onTensors.addPass(createSelectGPULoweringConfig(strategy));
  // The products padded to whole instructions, and every pad as a fill and
  // a copy, which the last run configures.
  onTensors.addPass(createPad());
  onTensors.addPass(createSelectGPULoweringConfig(strategy));
}

void buildGPUTilingStage(OpPassManager &pm, const GPUCodegenOptions &) {
  OpPassManager &onTensors = pm.nest<func::FuncOp>();
  for (StringRef level : {"distribution", "thread", "reduction"}) {
    TileAndFuseOptions tiling;
    tiling.level = level.str();
    onTensors.addPass(createTileAndFuse(tiling));
  }
  // A warp's tile: one tensor-core instruction's vectors, its accumulator
  // carried by the reduction loop.
  onTensors.addPass(createVectorize());
  onTensors.addPass(createHoistAccumulators());
  onTensors.addPass(createCanonicalizerPass());
  onTensors.addPass(createCSEPass());
}

void buildGPUBufferizationStage(OpPassManager &pm,
                                const GPUCodegenOptions &) {
  // The CPU's: the workspace holds every temporary, so the host allocates
  // nothing and the runtime gives the workspace device memory.
  CPUCodegenOptions buffers;
  buildCPUBufferizationStage(pm, buffers);
}

void buildGPUMappingStage(OpPassManager &pm,
                          const GPUCodegenOptions &options) {
  pm.addPass(createStripLoweringAttrs());
  MapToProcessorsOptions mapping;
  mapping.maxThreads = options.target.maxThreadsPerBlock;
  mapping.hostCalls = options.onHost;
  // On the host one thread computes a warp's vectors.
  mapping.warpLanes = options.onHost ? 1 : options.target.warpSize;
  // No canonicalization here: it would inline the one-iteration loops of
  // one-thread kernels back into the host code.
  pm.addNestedPass<func::FuncOp>(createMapToProcessors(mapping));
}

void buildGPUKernelStage(OpPassManager &pm,
                         const GPUCodegenOptions &options) {
  pm.addNestedPass<func::FuncOp>(createConvertParallelLoopToGpuPass());
  pm.addNestedPass<func::FuncOp>(createCheckHostCode());
  // Constants in the kernels, not kernel arguments: a warp's accumulator
  // starts from a splat the tensor-core lowering sees.
  pm.addNestedPass<func::FuncOp>(createGpuLaunchSinkIndexComputationsPass());
  pm.addPass(createGpuKernelOutliningPass());
  pm.addPass(createMergeKernelModules());
  // Inside the kernels, each thread's tile becomes loops.
  OpPassManager &kernels = pm.nest<gpu::GPUModuleOp>();
  kernels.addNestedPass<gpu::GPUFuncOp>(createConvertLinalgToLoopsPass());
  LowerToTensorCoresOptions tensorCores;
  tensorCores.tf32 = options.tf32;
  kernels.addPass(createLowerToTensorCores(tensorCores));
  kernels.addPass(createLowerAffinePass());
  kernels.addPass(createApproximateMath());
  kernels.addPass(createCanonicalizerPass());
  kernels.addPass(createCSEPass());
}

void buildGPULLVMStage(OpPassManager &pm, const GPUCodegenOptions &options) {
  std::string arch = options.target.archName();
  GpuNVVMAttachTargetOptions attach;
  attach.chip = arch;
  attach.features = options.target.ptxFeature;
  attach.optLevel = options.optLevel;
  pm.addPass(createGpuNVVMAttachTarget(attach));
  gpu::GPUToNVVMPipelineOptions lowering;
  lowering.cubinChip = arch;
  lowering.cubinFeatures = options.target.ptxFeature;
  lowering.cubinFormat = "isa";
  lowering.optLevel = options.optLevel;
  gpu::buildLowerToNVVMPassPipeline(pm, lowering);
}

ArrayRef<GPUPipelineStage> gpuStages() {
  static const GPUPipelineStage stages[] = {
      {"loom", "loom dialect, canonicalized",
       [](OpPassManager &pm, const GPUCodegenOptions &) { buildLoomStage(pm); }},
      {"linalg", "linalg on tensors, elementwise ops fused",
       [](OpPassManager &pm, const GPUCodegenOptions &) {
         buildLinalgStage(pm);
       }},
      {"strategy", "calling convention applied, block and thread tiles decided",
       buildGPUStrategyStage},
      {"tiled", "root ops tiled into block and thread (or warp) foralls",
       buildGPUTilingStage},
      {"bufferized", "tensors replaced by device buffers",
       buildGPUBufferizationStage},
      {"mapped", "blocks and threads mapped to GPU processors",
       buildGPUMappingStage},
      {"kernels", "kernels outlined into a gpu.module, launched by the host",
       buildGPUKernelStage},
      {"llvm", "host code in the LLVM dialect, kernels as PTX",
       buildGPULLVMStage},
  };
  return stages;
}

void buildGPUHostEmulationStage(OpPassManager &pm,
                                const CPUCodegenOptions &options) {
  // The mapped loops run in order on one CPU thread: valid while no kernel
  // synchronizes its threads (none shares memory between them yet).
  buildCPULLVMStage(pm, options);
}

} // namespace loom
