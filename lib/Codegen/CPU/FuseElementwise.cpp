//===- FuseElementwise.cpp - Elementwise fusion with the CPU's policy -----===//
#include "loom/Codegen/CPU/Passes.h"

#include "loom/Codegen/CPU/ElementwiseFusionPolicy.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace loom {
#define GEN_PASS_DEF_FUSEELEMENTWISE
#include "loom/Codegen/CPU/Passes.h.inc"
} // namespace loom

using namespace mlir;

namespace {

class FuseElementwisePass
    : public loom::impl::FuseElementwiseBase<FuseElementwisePass> {
public:
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    loom::populateElementwiseFusionPatterns(patterns,
                                            loom::cpuElementwiseFusionPolicy());
    // Top-down, as upstream, for compile time; not converging is no error.
    (void)applyPatternsGreedily(
        getOperation(), std::move(patterns),
        GreedyRewriteConfig().setUseTopDownTraversal());
  }
};

} // namespace
