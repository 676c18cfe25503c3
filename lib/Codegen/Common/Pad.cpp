//===- Pad.cpp - Pad ops to the multiples their config gives --------------===//
#include "loom/Codegen/Common/Passes.h"

#include "loom/Codegen/Common/LoweringConfig.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include "llvm/Support/InterleavedRange.h"

namespace loom {
#define GEN_PASS_DEF_PAD
#include "loom/Codegen/Common/Passes.h.inc"
} // namespace loom

using namespace mlir;

namespace {

/// Rewrites each of `pads` as a linalg.fill of the padding value and a
/// tensor.insert_slice of its source.
LogicalResult decomposePads(ArrayRef<Operation *> pads) {
  if (pads.empty())
    return success();
  MLIRContext *context = pads.front()->getContext();
  RewritePatternSet patterns(context);
  linalg::populateDecomposePadPatterns(patterns);
  return applyOpPatternsGreedily(
      pads, std::move(patterns),
      GreedyRewriteConfig().setStrictness(
          GreedyRewriteStrictness::ExistingAndNewOps));
}

/// Replaces `op` by a copy on operands padded with zeros to `multiples` (one
/// per loop, 0 or 1: not padded) and a slice of its result; the copy has no
/// config. Each pad becomes a fill and a copy of its source into it (a
/// padded fill, a larger fill), ops the strategy configures.
LogicalResult pad(RewriterBase &rewriter, linalg::LinalgOp op,
                  ArrayRef<int64_t> multiples) {
  linalg::LinalgPaddingOptions options;
  SmallVector<int64_t> loops, loopMultiples;
  for (auto [loop, multiple] : llvm::enumerate(multiples))
    if (multiple > 1) {
      loops.push_back(loop);
      loopMultiples.push_back(multiple);
    }
  options.setPaddingDimensions(loops).setPadToMultipleOf(loopMultiples);
  options.setPaddingValues(llvm::map_to_vector(
      op->getOperands(), [&](Value operand) -> Attribute {
        return rewriter.getZeroAttr(getElementTypeOrSelf(operand.getType()));
      }));
  options.setCopyBackOp(linalg::LinalgPaddingOptions::CopyBackOp::None);
  rewriter.setInsertionPoint(op);
  linalg::LinalgOp padded;
  SmallVector<Value> replacements;
  SmallVector<tensor::PadOp> pads;
  if (failed(linalg::rewriteAsPaddedOp(rewriter, op, options, padded,
                                       replacements, pads)))
    return failure();
  rewriter.replaceOp(op, replacements);
  padded->removeAttr(loom::kLoweringConfigAttrName);

  // A fill padded with its own value is a larger fill, which can join the
  // padded op's tiles.
  SmallVector<Operation *> padOps;
  for (tensor::PadOp padOp : pads) {
    auto fill = padOp.getSource().getDefiningOp<linalg::FillOp>();
    Value padding = padOp.getConstantPaddingValue();
    Attribute paddingValue, fillValue;
    if (fill && padding && matchPattern(padding, m_Constant(&paddingValue)) &&
        matchPattern(fill.getInputs()[0], m_Constant(&fillValue)) &&
        paddingValue == fillValue) {
      rewriter.setInsertionPoint(padOp);
      Value empty = tensor::EmptyOp::create(
          rewriter, padOp.getLoc(), padOp.getResultType().getShape(),
          padOp.getResultType().getElementType());
      rewriter.replaceOpWithNewOp<linalg::FillOp>(padOp, padding, empty);
      continue;
    }
    padOps.push_back(padOp);
  }
  return decomposePads(padOps);
}

class PadPass : public loom::impl::PadBase<PadPass> {
public:
  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> toPad;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (loom::LoweringConfigAttr config = loom::getLoweringConfig(op))
        if (!config.getPadMultiples().empty())
          toPad.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    // The function's own pads first, so that each becomes ops the strategy
    // configures (after bufferization a pad would be work no config covers).
    SmallVector<Operation *> pads;
    getOperation().walk([&](tensor::PadOp pad) { pads.push_back(pad); });
    if (failed(decomposePads(pads)))
      return signalPassFailure();
    for (linalg::LinalgOp op : toPad) {
      ArrayRef<int64_t> multiples = loom::getLoweringConfig(op).getPadMultiples();
      // Taken first: padding replaces the op.
      Location loc = op.getLoc();
      OperationName name = op->getName();
      if (multiples.size() != op.getNumLoops() || !op.hasPureTensorSemantics() ||
          ShapedType::isDynamicShape(op.getStaticLoopRanges()) ||
          failed(pad(rewriter, op, multiples))) {
        emitError(loc) << "'" << name
                       << "' op cannot be padded to pad_multiples = ["
                       << llvm::interleaved(multiples)
                       << "]: it needs one multiple per loop, tensors, static "
                          "shapes and projected permutations";
        return signalPassFailure();
      }
    }
  }
};

} // namespace
