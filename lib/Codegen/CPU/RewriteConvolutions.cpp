//===- RewriteConvolutions.cpp - Convolutions as their config says --------===//
#include "loom/Codegen/CPU/Passes.h"

#include "loom/Codegen/CPU/ConvToMatmul.h"

#include "loom/Codegen/Common/LoweringConfig.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace loom {
#define GEN_PASS_DEF_REWRITECONVOLUTIONS
#include "loom/Codegen/CPU/Passes.h.inc"
} // namespace loom

using namespace mlir;

namespace {

class RewriteConvolutionsPass
    : public loom::impl::RewriteConvolutionsBase<RewriteConvolutionsPass> {
public:
  void runOnOperation() override {
    SmallVector<std::pair<linalg::LinalgOp, loom::ConvAlgorithm>> convolutions;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (loom::LoweringConfigAttr config = loom::getLoweringConfig(op))
        if (config.getConvAlgorithm() != loom::ConvAlgorithm::none &&
            config.getConvAlgorithm() != loom::ConvAlgorithm::direct)
          convolutions.emplace_back(op, config.getConvAlgorithm());
    });
    IRRewriter rewriter(&getContext());
    for (auto [op, algorithm] : convolutions) {
      if (succeeded(rewrite(rewriter, op, algorithm)))
        continue;
      op.emitOpError() << "cannot be computed with "
                       << loom::stringifyConvAlgorithm(algorithm)
                       << (algorithm == loom::ConvAlgorithm::col2im
                               ? ": it is not a transposed convolution"
                               : ": it needs a linalg.conv_2d_nchw_fchw with "
                                 "static shapes and one element type");
      return signalPassFailure();
    }
  }

private:
  static LogicalResult rewrite(RewriterBase &rewriter, linalg::LinalgOp op,
                               loom::ConvAlgorithm algorithm) {
    if (algorithm == loom::ConvAlgorithm::col2im)
      return loom::rewriteTransposedConvAsCol2im(rewriter, op);
    auto conv = dyn_cast<linalg::Conv2DNchwFchwOp>(op.getOperation());
    return conv ? loom::rewriteConvAsMatmul(rewriter, conv, algorithm)
                : failure();
  }
};

} // namespace
