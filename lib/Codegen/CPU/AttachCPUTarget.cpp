//===- AttachCPUTarget.cpp - Record the CPU the module is compiled for ----===//
#include "loom/Codegen/CPU/Passes.h"

#include "loom/Codegen/Common/LoweringConfig.h"

namespace loom {
#define GEN_PASS_DEF_ATTACHCPUTARGET
#include "loom/Codegen/CPU/Passes.h.inc"
} // namespace loom

using namespace mlir;

namespace {

class AttachCPUTargetPass
    : public loom::impl::AttachCPUTargetBase<AttachCPUTargetPass> {
public:
  using AttachCPUTargetBase::AttachCPUTargetBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (module->hasAttr(loom::kTargetAttrName))
      return;
    auto emitError = [&] { return module.emitError(); };
    auto target = loom::CPUTargetAttr::getChecked(
        emitError, &getContext(), unsigned(vectorBits),
        unsigned(vectorRegisters), unsigned(fmaUnits), uint64_t(l1Cache),
        uint64_t(l2Cache), uint64_t(l3Cache));
    if (!target)
      return signalPassFailure();
    module->setAttr(loom::kTargetAttrName, target);
  }
};

} // namespace

std::unique_ptr<Pass> loom::createAttachCPUTarget(const CPUTarget &target) {
  AttachCPUTargetOptions options;
  options.vectorBits = target.vectorBits;
  options.vectorRegisters = target.vectorRegisters;
  options.fmaUnits = target.fmaUnits;
  options.l1Cache = target.l1DataCacheBytes;
  options.l2Cache = target.l2CacheBytes;
  options.l3Cache = target.l3CacheBytes;
  return createAttachCPUTarget(options);
}
