//===- RegisterPipelines.cpp - The CPU pipelines for mlir-opt style tools -===//
//
// Registered here, above the Pipelines layer, because the `cpu=` option needs
// describeCPU (LLVM's description of a CPU name).
//
//===----------------------------------------------------------------------===//
#include "loom/Pipelines/Pipelines.h"
#include "loom/Target/CPU/CPUBackend.h"

#include "mlir/Pass/PassOptions.h"
#include "mlir/Pass/PassRegistry.h"

using namespace mlir;

namespace loom {
namespace {

llvm::cl::desc threadsDescription() {
  return llvm::cl::desc("Threads that run the tiles of large ops (1: "
                        "sequential code without OpenMP)");
}

llvm::cl::desc cpuDescription() {
  return llvm::cl::desc(
      "LLVM CPU name whose description the strategy reads (znver4, "
      "x86-64-v3, host, ...); empty: the generic AVX-512 core of CPUTarget, "
      "the same on every machine");
}

llvm::cl::desc featuresDescription() {
  return llvm::cl::desc(
      "LLVM features on top of the CPU's (+name,-name,...); needs cpu=");
}

/// The options both pipelines share: which CPU, how many threads.
template <typename Derived>
struct CPUTargetOptions : PassPipelineOptions<Derived> {
  mlir::detail::PassOptions::Option<std::string> cpu{*this, "cpu", cpuDescription()};
  mlir::detail::PassOptions::Option<std::string> features{*this, "features",
                                            featuresDescription()};
  mlir::detail::PassOptions::Option<unsigned> threads{*this, "threads", threadsDescription(),
                                        llvm::cl::init(1)};
  mlir::detail::PassOptions::Option<bool> workspace{
      *this, "workspace",
      llvm::cl::desc("Give public functions their temporaries in a trailing "
                     "workspace argument, as the runtime calls them (off "
                     "for mlir-runner, which calls main() without arguments)"),
      llvm::cl::init(true)};

  /// The codegen options these select, or a message naming what is wrong.
  Expected<CPUCodegenOptions> codegenOptions() const {
    CPUCodegenOptions options{threads, CPUTarget(), workspace};
    if (cpu.empty()) {
      if (!features.empty())
        return Error(ErrorKind::InvalidArgument,
                     "features= needs cpu= (the CPU they modify)");
      return options;
    }
    Expected<CPUTarget> target = describeCPU(cpu, features);
    if (!target)
      return target.error();
    options.target = *target;
    return options;
  }
};

struct CPUPipelineOptions : CPUTargetOptions<CPUPipelineOptions> {
  Option<std::string> stopAfter{
      *this, "stop-after",
      llvm::cl::desc("Last stage to run (to print the IR between stages): "
                     "loom, linalg, strategy, tiled, vectorized, bufferized "
                     "or llvm"),
      llvm::cl::init("llvm")};
};

struct CPUCodegenPipelineOptions
    : CPUTargetOptions<CPUCodegenPipelineOptions> {};

/// Registers `name` by hand (not PassPipelineRegistration) so that a bad
/// option value is a parse error, not a crash.
template <typename Options>
void registerCPUPipeline(
    StringRef name, StringRef description,
    Expected<void> (*build)(OpPassManager &, const Options &,
                            const CPUCodegenOptions &)) {
  registerPassPipeline(
      name, description,
      [name, build](OpPassManager &pm, StringRef text,
                    function_ref<LogicalResult(const Twine &)> errorHandler) {
        Options options;
        if (failed(options.parseFromString(text)))
          return failure();
        Expected<CPUCodegenOptions> codegen = options.codegenOptions();
        if (!codegen)
          return errorHandler(name + ": " + codegen.error().message());
        if (Expected<void> built = build(pm, options, *codegen); !built)
          return errorHandler(name + ": " + built.error().message());
        return success();
      },
      [](function_ref<void(const mlir::detail::PassOptions &)> handler) {
        handler(Options());
      });
}

} // namespace

void registerCPUPipelines() {
  registerCPUPipeline<CPUPipelineOptions>(
      "loom-cpu-pipeline",
      "Lower a loom module to the LLVM dialect for a CPU",
      [](OpPassManager &pm, const CPUPipelineOptions &options,
         const CPUCodegenOptions &codegen) {
        if (!buildCPUPipeline(pm, options.stopAfter, codegen))
          return Expected<void>(
              Error(ErrorKind::InvalidArgument,
                    "unknown stop-after stage '" + options.stopAfter + "'"));
        return Expected<void>();
      });
  registerCPUPipeline<CPUCodegenPipelineOptions>(
      "loom-cpu-codegen",
      "Lower linalg on tensors to the LLVM dialect for a CPU (the last "
      "stages of loom-cpu-pipeline)",
      [](OpPassManager &pm, const CPUCodegenPipelineOptions &,
         const CPUCodegenOptions &codegen) {
        buildCPUCodegenStage(pm, codegen);
        return Expected<void>();
      });
}

} // namespace loom
