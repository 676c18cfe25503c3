//===- FuseElementwise.cpp - Elementwise fusion that spares contractions --===//
//
// The pattern set of upstream's linalg-fuse-elementwise-ops, with reshape
// propagation stopped at linalg ops that have reduction loops: their
// iteration space stays as the lowering wrote it, which is the shape the
// register tiling vectorizes well (see Passes.td).
//
//===----------------------------------------------------------------------===//
#include "loom/Codegen/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace loom {
#define GEN_PASS_DEF_FUSEELEMENTWISE
#include "loom/Codegen/Passes.h.inc"
} // namespace loom

using namespace mlir;

namespace {

bool hasReductionLoops(Operation *op) {
  auto linalgOp = dyn_cast_or_null<linalg::LinalgOp>(op);
  return linalgOp && linalgOp.getNumReductionLoops() > 0;
}

/// Upstream's default: fuse a producer only into its single user.
bool producerHasOneUse(OpOperand *fusedOperand) {
  Operation *producer = fusedOperand->get().getDefiningOp();
  return producer && producer->hasOneUse();
}

class FuseElementwisePass
    : public loom::impl::FuseElementwiseBase<FuseElementwisePass> {
public:
  void runOnOperation() override {
    MLIRContext *context = &getContext();
    RewritePatternSet patterns(context);
    linalg::populateElementwiseOpsFusionPatterns(patterns, producerHasOneUse);
    // The reshape is the operand's producer (folded into its consumer) or
    // its user (folding the producing op): neither side may be a reduction.
    linalg::populateFoldReshapeOpsByExpansionPatterns(
        patterns, [](OpOperand *fusedOperand) {
          return producerHasOneUse(fusedOperand) &&
                 !hasReductionLoops(fusedOperand->getOwner()) &&
                 !hasReductionLoops(fusedOperand->get().getDefiningOp());
        });
    tensor::populateBubbleUpExpandShapePatterns(patterns);
    linalg::populateConstantFoldLinalgOperations(patterns, producerHasOneUse);
    affine::AffineApplyOp::getCanonicalizationPatterns(patterns, context);
    linalg::GenericOp::getCanonicalizationPatterns(patterns, context);
    tensor::ExpandShapeOp::getCanonicalizationPatterns(patterns, context);
    tensor::CollapseShapeOp::getCanonicalizationPatterns(patterns, context);
    context->getLoadedDialect<linalg::LinalgDialect>()
        ->getCanonicalizationPatterns(patterns);
    // Top-down, as upstream, for compile time; not converging is no error.
    (void)applyPatternsGreedily(
        getOperation(), std::move(patterns),
        GreedyRewriteConfig().setUseTopDownTraversal());
  }
};

} // namespace
