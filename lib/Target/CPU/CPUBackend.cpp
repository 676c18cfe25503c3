//===- CPUBackend.cpp - The "cpu" target backend --------------------------===//
#include "loom/Target/CPU/CPUBackend.h"

#include "loom/Pipelines/Pipelines.h"

#include "llvm/Target/TargetMachine.h"

#include <fmt/format.h>

namespace loom {
namespace {

/// cpuStages() without their builders.
llvm::ArrayRef<StageInfo> cpuStageInfos() {
  static const std::vector<StageInfo> infos = [] {
    std::vector<StageInfo> result;
    for (const PipelineStage &stage : cpuStages())
      result.push_back({stage.name, stage.summary});
    return result;
  }();
  return infos;
}

class CPUCodegenTarget : public CPUHostedTarget {
public:
  using CPUHostedTarget::CPUHostedTarget;

  llvm::ArrayRef<StageInfo> stages() const override { return cpuStageInfos(); }

  void buildStage(size_t index, mlir::OpPassManager &pm) const override {
    cpuStages()[index].build(pm, cpu);
  }

  std::string summary() const override {
    const CPUTarget &target = cpu.target;
    return fmt::format("cpu {} ({}): {}-bit vectors, {} vector registers, {} "
                       "FMA units, L1d {} KiB, L2 {} KiB, L3 {} KiB",
                       target.cpu, target.triple, target.vectorBits,
                       target.vectorRegisters, target.fmaUnits,
                       target.l1DataCacheBytes / 1024,
                       target.l2CacheBytes / 1024, target.l3CacheBytes / 1024);
  }
};

class CPUBackend : public TargetBackend {
public:
  llvm::StringRef name() const override { return "cpu"; }
  llvm::StringRef description() const override {
    return "CPUs of the host's architecture through LLVM; --cpu names one "
           "(default: host)";
  }
  ArtifactKind artifactKind() const override { return ArtifactKind::ObjectFile; }
  llvm::ArrayRef<StageInfo> stages() const override { return cpuStageInfos(); }

  Expected<std::unique_ptr<CodegenTarget>>
  resolve(const TargetSelection &selection) const override {
    Expected<CPUTarget> target = describeCPU(selection.cpu, selection.features);
    if (!target)
      return target.error();
    CPUCodegenOptions options;
    options.threads = selection.threads;
    options.target = std::move(*target);
    return std::unique_ptr<CodegenTarget>(
        std::make_unique<CPUCodegenTarget>(std::move(options)));
  }
};

} // namespace

Expected<std::unique_ptr<llvm::TargetMachine>>
CPUHostedTarget::createTargetMachine(llvm::CodeGenOptLevel optLevel,
                                     bool positionIndependent) const {
  return createCPUTargetMachine(cpu.target, optLevel, positionIndependent);
}

void CPUHostedTarget::optimizeLLVMModule(llvm::Module &module,
                                         llvm::TargetMachine &machine,
                                         unsigned optLevel,
                                         mlir::TimingScope &timing) const {
  optimizeCPUModule(module, machine, optLevel, timing);
}

Expected<void> CPUHostedTarget::checkRunsOnHost() const {
  return checkCPURunsOnHost(cpu.target);
}

std::unique_ptr<TargetBackend> createCPUBackend() {
  return std::make_unique<CPUBackend>();
}

} // namespace loom
