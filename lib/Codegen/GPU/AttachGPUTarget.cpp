//===- AttachGPUTarget.cpp - Record the GPU the module is compiled for ----===//
#include "loom/Codegen/GPU/Passes.h"

#include "loom/Codegen/Common/LoweringConfig.h"

namespace loom {
#define GEN_PASS_DEF_ATTACHGPUTARGET
#include "loom/Codegen/GPU/Passes.h.inc"
} // namespace loom

using namespace mlir;

namespace {

class AttachGPUTargetPass
    : public loom::impl::AttachGPUTargetBase<AttachGPUTargetPass> {
public:
  using AttachGPUTargetBase::AttachGPUTargetBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (module->hasAttr(loom::kTargetAttrName))
      return;
    auto emitError = [&] { return module.emitError(); };
    auto target = loom::GPUTargetAttr::getChecked(
        emitError, &getContext(), unsigned(sm), unsigned(warpSize),
        unsigned(maxThreadsPerBlock), uint64_t(sharedMemoryPerBlock));
    if (!target)
      return signalPassFailure();
    module->setAttr(loom::kTargetAttrName, target);
  }
};

} // namespace

std::unique_ptr<Pass> loom::createAttachGPUTarget(const GPUTarget &target) {
  AttachGPUTargetOptions options;
  options.sm = target.sm;
  options.warpSize = target.warpSize;
  options.maxThreadsPerBlock = target.maxThreadsPerBlock;
  options.sharedMemoryPerBlock = target.sharedMemoryPerBlock;
  return createAttachGPUTarget(options);
}
