//===- NVPTXBackend.cpp - The "nvptx" and "nvptx-host" target backends ----===//
#include "loom/Target/GPU/NVPTXBackend.h"

#include "loom/Pipelines/Pipelines.h"
#include "loom/Target/CPU/CPUBackend.h"

#include "llvm/Target/TargetMachine.h"

#include <fmt/format.h>

#include <array>

namespace loom {
namespace {

/// What CUDA documents for each architecture Loom targets: the PTX ISA that
/// first knows it, and the shared memory a block gets without opting in.
struct KnownGPU {
  std::string_view arch;
  unsigned sm;
  std::string_view ptxFeature;
};

constexpr std::array<KnownGPU, 4> kKnownGPUs = {{
    {"sm_80", 80, "+ptx70"},
    {"sm_86", 86, "+ptx71"},
    {"sm_89", 89, "+ptx78"},
    {"sm_90", 90, "+ptx80"},
}};

/// The host CPU, whose code launches the kernels.
Expected<CPUTarget> hostCPU() { return describeCPU("host"); }

/// Stage infos of `stages` (GPU or emulation), without their builders.
template <typename Stage>
std::vector<StageInfo> infosOf(llvm::ArrayRef<Stage> stages) {
  std::vector<StageInfo> result;
  for (const Stage &stage : stages)
    result.push_back({stage.name, stage.summary});
  return result;
}

llvm::ArrayRef<StageInfo> nvptxStageInfos() {
  static const std::vector<StageInfo> infos = infosOf(gpuStages());
  return infos;
}

/// The emulation's stages: the GPU's up to `mapped`, then the host's llvm.
constexpr size_t kEmulatedGPUStages = 6;

llvm::ArrayRef<StageInfo> emulationStageInfos() {
  static const std::vector<StageInfo> infos = [] {
    std::vector<StageInfo> result =
        infosOf(gpuStages().take_front(kEmulatedGPUStages));
    result.push_back({"llvm", "mapped loops run in order on the host CPU, "
                              "LLVM dialect"});
    return result;
  }();
  return infos;
}

/// What both backends share: the GPU's options, and the host CPU's for the
/// host code.
class GPUCodegenTargetBase : public CPUHostedTarget {
public:
  GPUCodegenTargetBase(GPUCodegenOptions gpu, CPUCodegenOptions host)
      : CPUHostedTarget(std::move(host)), gpu(std::move(gpu)) {}

protected:
  GPUCodegenOptions gpu;
};

class NVPTXCodegenTarget : public GPUCodegenTargetBase {
public:
  using GPUCodegenTargetBase::GPUCodegenTargetBase;

  llvm::ArrayRef<StageInfo> stages() const override {
    return nvptxStageInfos();
  }
  void buildStage(size_t index, mlir::OpPassManager &pm) const override {
    gpuStages()[index].build(pm, gpu);
  }
  bool launchesGPUKernels() const override { return true; }
  std::string summary() const override {
    const GPUTarget &target = gpu.target;
    return fmt::format("nvptx {} (features {}): warp {}, at most {} threads "
                       "and {} KiB of shared memory a block, f32 products "
                       "on tensor cores as {}; host code for {}",
                       target.archName(), target.ptxFeature,
                       target.warpSize, target.maxThreadsPerBlock,
                       target.sharedMemoryPerBlock / 1024,
                       gpu.tf32 ? "one TF32 product" : "3xTF32",
                       cpu.target.cpu);
  }
};

class EmulationCodegenTarget : public GPUCodegenTargetBase {
public:
  using GPUCodegenTargetBase::GPUCodegenTargetBase;

  llvm::ArrayRef<StageInfo> stages() const override {
    return emulationStageInfos();
  }
  void buildStage(size_t index, mlir::OpPassManager &pm) const override {
    if (index < kEmulatedGPUStages)
      gpuStages()[index].build(pm, gpu);
    else
      buildGPUHostEmulationStage(pm, cpu);
  }
  std::string summary() const override {
    return fmt::format("nvptx-host {}: the GPU strategy's blocks and threads "
                       "run in order on {}",
                       gpu.target.archName(), cpu.target.cpu);
  }
};

template <typename Target>
Expected<std::unique_ptr<CodegenTarget>>
resolveGPU(const TargetSelection &selection, bool onHost) {
  Expected<GPUTarget> gpuTarget = describeGPU(selection.gpuArch);
  if (!gpuTarget)
    return gpuTarget.error();
  Expected<CPUTarget> cpu = hostCPU();
  if (!cpu)
    return cpu.error();
  if (selection.threads > 1)
    return Error(ErrorKind::InvalidArgument,
                 "a GPU target runs its code on the GPU's threads; the host "
                 "thread count must be 1, got " +
                     std::to_string(selection.threads));
  GPUCodegenOptions gpu;
  gpu.target = std::move(*gpuTarget);
  gpu.onHost = onHost;
  gpu.tf32 = selection.gpuTF32;
  CPUCodegenOptions host;
  host.target = std::move(*cpu);
  return std::unique_ptr<CodegenTarget>(
      std::make_unique<Target>(std::move(gpu), std::move(host)));
}

class NVPTXBackend : public TargetBackend {
public:
  llvm::StringRef name() const override { return "nvptx"; }
  llvm::StringRef description() const override {
    return "NVIDIA GPUs: kernels as PTX, launched through the CUDA driver; "
           "--gpu-arch names one (default: sm_80)";
  }
  ArtifactKind artifactKind() const override {
    return ArtifactKind::ObjectFileWithPTX;
  }
  llvm::ArrayRef<StageInfo> stages() const override { return nvptxStageInfos(); }
  Expected<std::unique_ptr<CodegenTarget>>
  resolve(const TargetSelection &selection) const override {
    return resolveGPU<NVPTXCodegenTarget>(selection, /*onHost=*/false);
  }
};

class NVPTXHostEmulationBackend : public TargetBackend {
public:
  llvm::StringRef name() const override { return "nvptx-host"; }
  llvm::StringRef description() const override {
    return "the nvptx strategy's blocks and threads run in order on this "
           "CPU, to check them without a GPU";
  }
  ArtifactKind artifactKind() const override { return ArtifactKind::ObjectFile; }
  llvm::ArrayRef<StageInfo> stages() const override {
    return emulationStageInfos();
  }
  Expected<std::unique_ptr<CodegenTarget>>
  resolve(const TargetSelection &selection) const override {
    return resolveGPU<EmulationCodegenTarget>(selection, /*onHost=*/true);
  }
};

} // namespace

std::string_view knownGPUArchitectures() { return "sm_80, sm_86, sm_89, sm_90"; }

Expected<GPUTarget> describeGPU(std::string_view arch) {
  for (const KnownGPU &known : kKnownGPUs) {
    if (known.arch != arch)
      continue;
    GPUTarget target;
    target.sm = known.sm;
    target.ptxFeature = std::string(known.ptxFeature);
    return target;
  }
  return Error(ErrorKind::InvalidArgument,
               fmt::format("unknown GPU architecture '{}'; known: {}", arch,
                           knownGPUArchitectures()));
}

std::unique_ptr<TargetBackend> createNVPTXBackend() {
  return std::make_unique<NVPTXBackend>();
}

std::unique_ptr<TargetBackend> createNVPTXHostEmulationBackend() {
  return std::make_unique<NVPTXHostEmulationBackend>();
}

} // namespace loom
