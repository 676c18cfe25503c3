//===- RewriteConvolutions.cpp - Convolutions as their config says --------===//
#include "loom/Codegen/CPU/Passes.h"

#include "ConvToMatmul.h"

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
    SmallVector<linalg::Conv2DNchwFchwOp> convolutions;
    getOperation().walk([&](linalg::Conv2DNchwFchwOp conv) {
      convolutions.push_back(conv);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::Conv2DNchwFchwOp conv : convolutions) {
      loom::LoweringConfigAttr config = loom::getLoweringConfig(conv);
      if (!config)
        continue;
      loom::ConvAlgorithm algorithm = config.getConvAlgorithm();
      if (algorithm != loom::ConvAlgorithm::im2col_pixels &&
          algorithm != loom::ConvAlgorithm::im2col_channels)
        continue;
      if (failed(loom::rewriteConvAsMatmul(rewriter, conv, algorithm))) {
        conv.emitOpError() << "cannot be computed with "
                           << loom::stringifyConvAlgorithm(algorithm)
                           << ": it needs static shapes and one element type";
        return signalPassFailure();
      }
    }
  }
};

} // namespace
