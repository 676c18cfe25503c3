//===- HoistAccumulators.cpp - Accumulators in loop-carried values --------===//
#include "loom/Codegen/Common/Passes.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

namespace loom {
#define GEN_PASS_DEF_HOISTACCUMULATORS
#include "loom/Codegen/Common/Passes.h.inc"
} // namespace loom

using namespace mlir;

namespace {

class HoistAccumulatorsPass
    : public loom::impl::HoistAccumulatorsBase<HoistAccumulatorsPass> {
public:
  void runOnOperation() override {
    // A post-order walk visits inner loops first, so an accumulator moves
    // out of every loop it is invariant in.
    SmallVector<LoopLikeOpInterface> loops;
    getOperation().walk([&](scf::ForOp loop) { loops.push_back(loop); });
    IRRewriter rewriter(&getContext());
    for (LoopLikeOpInterface loop : loops)
      hoistLoopInvariantSubsets(rewriter, loop);
  }
};

} // namespace
