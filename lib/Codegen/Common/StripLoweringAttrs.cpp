//===- StripLoweringAttrs.cpp - Drop decisions already carried out --------===//
#include "loom/Codegen/Common/Passes.h"

#include "loom/Codegen/Common/LoweringConfig.h"

namespace loom {
#define GEN_PASS_DEF_STRIPLOWERINGATTRS
#include "loom/Codegen/Common/Passes.h.inc"
} // namespace loom

using namespace mlir;

namespace {

class StripLoweringAttrsPass
    : public loom::impl::StripLoweringAttrsBase<StripLoweringAttrsPass> {
public:
  void runOnOperation() override {
    getOperation()->removeAttr(loom::kTargetAttrName);
    getOperation().walk([](Operation *op) {
      op->removeAttr(loom::kLoweringConfigAttrName);
    });
  }
};

} // namespace
