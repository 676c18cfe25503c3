//===- LoomCanonicalize.cpp - loom canonicalization patterns --------------===//
//
// Rewrites into a form that is never slower and computes the same numbers
// bit for bit, so that the DSL, hand-written IR and autodiff's output all
// reach it through `-canonicalize`.
//
//===----------------------------------------------------------------------===//
#include "loom/Dialect/Loom/IR/LoomOps.h"

#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace loom;

namespace {
/// matmul(x: [b..., m, k], broadcast_in_dim(w: [k, n]) over b...) is
/// reshape(matmul(reshape(x, [b...*m, k]), w), [b..., m, n]): every row of x
/// meets the same w, so one 2-D product replaces a batched one and the
/// broadcast weight is never materialized. Each result element is the same
/// dot product in the same order.
struct FoldSharedWeightIntoRows : OpRewritePattern<MatmulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(MatmulOp op,
                                PatternRewriter &rewriter) const override {
    auto broadcast = op.getRhs().getDefiningOp<BroadcastInDimOp>();
    if (!broadcast)
      return rewriter.notifyMatchFailure(op, "rhs is not a broadcast");
    auto lhsType = cast<RankedTensorType>(op.getLhs().getType());
    auto rhsType = cast<RankedTensorType>(op.getRhs().getType());
    auto resultType = cast<RankedTensorType>(op.getResult().getType());
    Value weight = broadcast.getOperand();
    auto weightType = cast<RankedTensorType>(weight.getType());
    int64_t rank = lhsType.getRank();
    // The weight must be the trailing [k, n] itself, repeated over the batch
    // only (not also expanded from a size-1 dimension).
    SmallVector<int64_t> trailing{rank - 2, rank - 1};
    if (rank <= 2 || weightType.getRank() != 2 ||
        broadcast.getBroadcastDimensions() != ArrayRef<int64_t>(trailing) ||
        weightType.getShape() != rhsType.getShape().take_back(2))
      return rewriter.notifyMatchFailure(op, "rhs is not a shared 2-D weight");
    int64_t k = lhsType.getDimSize(rank - 1);
    int64_t n = resultType.getDimSize(rank - 1);
    int64_t rows = lhsType.getNumElements() / k;
    Location loc = op.getLoc();
    Value lhsRows =
        ReshapeOp::create(rewriter, loc, lhsType.clone({rows, k}), op.getLhs());
    Value product = MatmulOp::create(rewriter, loc, resultType.clone({rows, n}),
                                     lhsRows, weight);
    rewriter.replaceOpWithNewOp<ReshapeOp>(op, resultType, product);
    return success();
  }
};
} // namespace

void MatmulOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                           MLIRContext *context) {
  patterns.add<FoldSharedWeightIntoRows>(context);
}
