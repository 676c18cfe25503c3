//===- CheckHostCode.cpp - The host touches no device memory --------------===//
#include "loom/Codegen/GPU/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace loom {
#define GEN_PASS_DEF_CHECKHOSTCODE
#include "loom/Codegen/GPU/Passes.h.inc"
} // namespace loom

using namespace mlir;

namespace {

class CheckHostCodePass
    : public loom::impl::CheckHostCodeBase<CheckHostCodePass> {
public:
  void runOnOperation() override {
    WalkResult walk = getOperation().walk<WalkOrder::PreOrder>([](Operation *op) {
      if (isa<gpu::LaunchOp>(op))
        return WalkResult::skip();
      if (isa<gpu::LaunchFuncOp, memref::AllocOp, memref::AllocaOp,
              memref::DeallocOp>(op))
        return WalkResult::advance();
      auto effects = dyn_cast<MemoryEffectOpInterface>(op);
      bool touchesMemory =
          effects ? effects.hasEffect<MemoryEffects::Read>() ||
                        effects.hasEffect<MemoryEffects::Write>()
                  : !op->hasTrait<OpTrait::HasRecursiveMemoryEffects>() &&
                        !op->hasTrait<OpTrait::IsTerminator>() &&
                        !isa<FunctionOpInterface>(op);
      if (!touchesMemory)
        return WalkResult::advance();
      op->emitOpError() << "reads or writes device memory on the host";
      return WalkResult::interrupt();
    });
    if (walk.wasInterrupted())
      signalPassFailure();
  }
};

} // namespace
