//===- LLVMPipeline.cpp - The CPU target's LLVM IR optimization -----------===//
//
// By the last stage MLIR has already tiled, vectorized and unrolled every
// kernel for the machine (loom-cpu-select-lowering-config): what reaches LLVM
// is loops over tiles around vector code of the register tile's size. LLVM's
// loop unroller and loop vectorizer would re-decide that. Fully unrolling the
// loops over small tiles, above all, turned them into straight-line blocks of
// thousands of instructions whose instruction selection and scheduling
// (quadratic in a block's memory operations) were most of the compile time:
// without them the GAN's and the attention model's training steps compile in
// 2.1 and 1.4 s instead of 3.0 and 2.1 s, and random programs 1.7x faster.
// The SLP vectorizer stays: tiles one element wide (a matrix-vector
// product's 8 rows of vector<1xf32>) are scalar code it packs into vectors,
// for 3-4% of the GAN's training throughput at 4% more compile time
// (docs/performance.md, "Compile time"). Everything else (inlining, scalar
// optimization, LICM, GVN, instcombine) runs as LLVM's default pipeline at
// the requested level does.
//
//===----------------------------------------------------------------------===//
#include "loom/Target/CPU/CPUBackend.h"

#include "llvm/Analysis/CGSCCPassManager.h"
#include "llvm/Analysis/LoopAnalysisManager.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Passes/OptimizationLevel.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Target/TargetMachine.h"

#include <vector>

namespace loom {

static llvm::PipelineTuningOptions cpuPipelineTuning() {
  llvm::PipelineTuningOptions tuning;
  tuning.LoopUnrolling = false;
  tuning.LoopInterleaving = false;
  tuning.LoopVectorization = false;
  tuning.SLPVectorization = true;
  return tuning;
}

static llvm::OptimizationLevel optimizationLevel(unsigned optLevel) {
  switch (optLevel) {
  case 0:
    return llvm::OptimizationLevel::O0;
  case 1:
    return llvm::OptimizationLevel::O1;
  case 2:
    return llvm::OptimizationLevel::O2;
  default:
    return llvm::OptimizationLevel::O3;
  }
}

/// Times every LLVM pass in `timing`, one timer per pass name (pass
/// managers and adaptors, which only run other passes, are not timed).
static void timePasses(llvm::PassInstrumentationCallbacks &callbacks,
                       mlir::TimingScope &timing,
                       std::vector<mlir::TimingScope> &running) {
  auto isContainer = [](llvm::StringRef name) {
    return name.contains("PassManager") || name.contains("PassAdaptor") ||
           name.contains("ModuleToPostOrderCGSCC") ||
           name.contains("DevirtSCCRepeated");
  };
  callbacks.registerBeforeNonSkippedPassCallback(
      [&, isContainer](llvm::StringRef name, llvm::Any) {
        if (!isContainer(name))
          running.push_back(timing.nest(name));
      });
  auto stop = [&, isContainer](llvm::StringRef name) {
    if (!isContainer(name) && !running.empty())
      running.pop_back();
  };
  callbacks.registerAfterPassCallback(
      [stop](llvm::StringRef name, llvm::Any, const llvm::PreservedAnalyses &) {
        stop(name);
      });
  callbacks.registerAfterPassInvalidatedCallback(
      [stop](llvm::StringRef name, const llvm::PreservedAnalyses &) {
        stop(name);
      });
}

/// An entry's body takes every memref descriptor field as a scalar and is
/// called only by its `_mlir_ciface_` wrapper. Made internal, it is inlined
/// there or keeps only the aligned pointers it uses; public, a large entry
/// passes hundreds of scalars through the stack, one block of copies whose
/// instruction selection grows with the square of its size.
static void internalizeEntryBodies(llvm::Module &module) {
  for (llvm::Function &function : module) {
    llvm::StringRef name = function.getName();
    if (function.isDeclaration() || !name.consume_front("_mlir_ciface_"))
      continue;
    if (llvm::Function *body = module.getFunction(name))
      if (!body->isDeclaration())
        body->setLinkage(llvm::GlobalValue::InternalLinkage);
  }
}

void optimizeCPUModule(llvm::Module &module, llvm::TargetMachine &machine,
                       unsigned optLevel, mlir::TimingScope &timing) {
  internalizeEntryBodies(module);
  llvm::LoopAnalysisManager loops;
  llvm::FunctionAnalysisManager functions;
  llvm::CGSCCAnalysisManager sccs;
  llvm::ModuleAnalysisManager modules;
  llvm::PassInstrumentationCallbacks callbacks;
  std::vector<mlir::TimingScope> running;
  if (timing)
    timePasses(callbacks, timing, running);
  llvm::PassBuilder builder(&machine, cpuPipelineTuning(), std::nullopt,
                            &callbacks);
  builder.registerModuleAnalyses(modules);
  builder.registerCGSCCAnalyses(sccs);
  builder.registerFunctionAnalyses(functions);
  builder.registerLoopAnalyses(loops);
  builder.crossRegisterProxies(loops, functions, sccs, modules);
  llvm::OptimizationLevel level = optimizationLevel(optLevel);
  llvm::ModulePassManager pipeline =
      level == llvm::OptimizationLevel::O0
          ? builder.buildO0DefaultPipeline(level)
          : builder.buildPerModuleDefaultPipeline(level);
  pipeline.run(module, modules);
}

} // namespace loom
