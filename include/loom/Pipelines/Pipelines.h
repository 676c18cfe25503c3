//===- Pipelines.h - Named Loom pass pipelines ------------------*- C++ -*-===//
#ifndef LOOM_PIPELINES_PIPELINES_H
#define LOOM_PIPELINES_PIPELINES_H

#include "loom/Codegen/CPU/CPUTarget.h"
#include "loom/Codegen/GPU/GPUTarget.h"

#include "mlir/Pass/PassManager.h"

namespace loom {

/// Choices of the CPU code generation stage.
struct CPUCodegenOptions {
  /// Threads that run the generated code. With more than one, the parallel
  /// tile loops of large ops become OpenMP worksharing loops on a team of
  /// this many threads (the code then calls libomp's `__kmpc_*` entry
  /// points); results are bit-identical to one thread. 0 and 1 give
  /// sequential code with no runtime calls.
  unsigned threads = 1;
  /// The CPU the code is for; the strategy stage reads its description.
  CPUTarget target;
  /// Whether public functions take their temporaries in a caller-provided
  /// workspace (`loom-plan-workspace`), as the runtime calls them. Off for
  /// code that something else calls, such as mlir-runner's `main()`, which
  /// it calls without arguments.
  bool planWorkspace = true;
};

/// loom -> loom: canonicalize and CSE.
void buildLoomStage(mlir::OpPassManager &pm);
/// loom -> linalg on tensors, fused.
void buildLinalgStage(mlir::OpPassManager &pm);

/// The CPU code generation stages, in order, after `linalg`:
///   strategy   - calling convention applied (results become out-parameters,
///                tied results updated in place); the target recorded as
///                `loom.target`, convolutions rewritten and every op's
///                `loom.lowering_config` chosen by the CPU strategy
///   tiled      - root ops tiled as configured (thread, register, reduction
///                tiles), their fusion groups computed in their tiles
///   vectorized - tiles vectorized, accumulators hoisted
///   bufferized - tensors replaced by memrefs, temporaries freed
///   llvm       - LLVM dialect
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
void buildCPUStrategyStage(mlir::OpPassManager &pm,
                           const CPUCodegenOptions &options);
void buildCPUTilingStage(mlir::OpPassManager &pm,
                         const CPUCodegenOptions &options);
void buildCPUVectorizationStage(mlir::OpPassManager &pm,
                                const CPUCodegenOptions &options);
void buildCPUBufferizationStage(mlir::OpPassManager &pm,
                                const CPUCodegenOptions &options);
void buildCPULLVMStage(mlir::OpPassManager &pm,
                       const CPUCodegenOptions &options);

/// One named stage of a pipeline: the passes that take a module from the
/// previous stage to this one, so tools can stop after any of them.
struct PipelineStage {
  llvm::StringLiteral name;
  llvm::StringLiteral summary;
  void (*build)(mlir::OpPassManager &pm, const CPUCodegenOptions &options);
};

/// Every stage of the CPU pipeline, in order: loom, linalg, strategy, tiled,
/// vectorized, bufferized, llvm.
llvm::ArrayRef<PipelineStage> cpuStages();

/// linalg on tensors -> LLVM dialect for the host CPU: every stage after
/// `linalg`.
void buildCPUCodegenStage(mlir::OpPassManager &pm,
                          const CPUCodegenOptions &options = {});
/// All stages up to and including the one named `last` (one of cpuStages()).
/// Returns false when no stage has that name.
bool buildCPUPipeline(mlir::OpPassManager &pm, llvm::StringRef last = "llvm",
                      const CPUCodegenOptions &options = {});

/// Choices of the GPU code generation stages.
struct GPUCodegenOptions {
  /// The GPU the code is for; the strategy stage reads its description.
  GPUTarget target;
  /// Threads the strategy aims for in one block.
  unsigned threadsPerBlock = 256;
  /// LLVM optimization level of the kernels' PTX, 0 to 3.
  unsigned optLevel = 3;
  /// The kernels run on the host (nvptx-host): they may call host functions
  /// (the data-parallel exchange), which GPU code cannot.
  bool onHost = false;
  /// Tensor-core products of f32 with one TF32 product instead of three
  /// (3xTF32): faster, and results that differ from f32 (opt-in).
  bool tf32 = false;
};

/// The GPU (NVPTX) code generation stages, in order, after `linalg`:
///   strategy    - calling convention applied as on the CPU; the GPU
///                 recorded as `loom.target` and every op's
///                 `loom.lowering_config` chosen by the GPU strategy
///   tiled       - root ops tiled into block tiles (an `scf.forall`) and
///                 thread tiles (an `scf.forall` inside it), or warp tiles
///                 of tensor-core vectors (a forall mapped to warps)
///   bufferized  - tensors replaced by memrefs; temporaries in the
///                 workspace, which the runtime allocates in device memory
///   mapped      - block and thread loops mapped to GPU processors
///                 (`scf.parallel` with `gpu.loop_dim_map`); everything else
///                 that touches memory in one-thread kernels
///   kernels     - `gpu.launch_func` of outlined kernels in a `gpu.module`
///   llvm        - the host code in the LLVM dialect, calling the GPU
///                 runtime (`mgpu*`), and the kernels as PTX in a
///                 `gpu.binary`
/// Every public function takes device pointers: its inputs, outputs and
/// workspace are in the GPU's memory.
void buildGPUStrategyStage(mlir::OpPassManager &pm,
                           const GPUCodegenOptions &options);
void buildGPUTilingStage(mlir::OpPassManager &pm,
                         const GPUCodegenOptions &options);
void buildGPUBufferizationStage(mlir::OpPassManager &pm,
                                const GPUCodegenOptions &options);
void buildGPUMappingStage(mlir::OpPassManager &pm,
                          const GPUCodegenOptions &options);
void buildGPUKernelStage(mlir::OpPassManager &pm,
                         const GPUCodegenOptions &options);
void buildGPULLVMStage(mlir::OpPassManager &pm,
                       const GPUCodegenOptions &options);

/// One named stage of the GPU pipeline.
struct GPUPipelineStage {
  llvm::StringLiteral name;
  llvm::StringLiteral summary;
  void (*build)(mlir::OpPassManager &pm, const GPUCodegenOptions &options);
};

/// Every stage of the GPU pipeline, in order: loom, linalg, strategy, tiled,
/// bufferized, mapped, kernels, llvm.
llvm::ArrayRef<GPUPipelineStage> gpuStages();

/// The host's LLVM lowering of the GPU pipeline's `mapped` stage: the block
/// and thread loops run one after another on the CPU (`options` is the
/// host's), so the GPU strategy's tiles and mapping are checked against the
/// reference evaluator on any machine (docs/gpu.md).
void buildGPUHostEmulationStage(mlir::OpPassManager &pm,
                                const CPUCodegenOptions &options);

} // namespace loom

#endif
