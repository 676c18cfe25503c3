//===- ApproximateMath.cpp - Kernels' f32 math without libdevice ----------===//
#include "loom/Codegen/GPU/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace loom {
#define GEN_PASS_DEF_APPROXIMATEMATH
#include "loom/Codegen/GPU/Passes.h.inc"
} // namespace loom

using namespace mlir;

namespace {

/// `SourceOp` as a call of the LLVM intrinsic `llvm.<name>.f32` (or
/// `.f64`), which NVPTX selects as one instruction. convert-gpu-to-nvvm would
/// call libdevice for the math op, and rejects these intrinsics as ops, so
/// they are generic intrinsic calls here.
template <typename SourceOp>
struct ToIntrinsic : OpRewritePattern<SourceOp> {
  ToIntrinsic(MLIRContext *context, StringRef name)
      : OpRewritePattern<SourceOp>(context), name(name.str()) {}
  LogicalResult matchAndRewrite(SourceOp op,
                                PatternRewriter &rewriter) const override {
    Type type = op.getType();
    if (!type.isF32() && !type.isF64())
      return failure();
    std::string intrinsic =
        "llvm." + name + (type.isF32() ? ".f32" : ".f64");
    rewriter.replaceOpWithNewOp<LLVM::CallIntrinsicOp>(
        op, type, rewriter.getStringAttr(intrinsic), op->getOperands());
    return success();
  }
  std::string name;
};

/// rsqrt(x) as 1 / sqrt(x), both correctly rounded.
struct RsqrtToIntrinsics : OpRewritePattern<math::RsqrtOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(math::RsqrtOp op,
                                PatternRewriter &rewriter) const override {
    Type type = op.getType();
    if (!type.isF32() && !type.isF64())
      return failure();
    Location loc = op.getLoc();
    Value root = math::SqrtOp::create(rewriter, loc, op.getOperand());
    Value one = arith::ConstantOp::create(rewriter, loc,
                                          rewriter.getFloatAttr(type, 1.0));
    rewriter.replaceOpWithNewOp<arith::DivFOp>(op, one, root);
    return success();
  }
};

class ApproximateMathPass
    : public loom::impl::ApproximateMathBase<ApproximateMathPass> {
public:
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    // Functions MLIR writes in terms of exp and log first, then those.
    math::populateExpansionPatterns(patterns, {"powf", "fpowi", "exp2", "tan",
                                               "sinh", "cosh", "asinh",
                                               "acosh", "atanh"});
    populateMathPolynomialApproximationPatterns(patterns);
    MLIRContext *context = &getContext();
    patterns.add<ToIntrinsic<math::FmaOp>>(context, "fma");
    patterns.add<ToIntrinsic<math::AbsFOp>>(context, "fabs");
    patterns.add<ToIntrinsic<math::FloorOp>>(context, "floor");
    patterns.add<ToIntrinsic<math::CeilOp>>(context, "ceil");
    patterns.add<ToIntrinsic<math::SqrtOp>>(context, "sqrt");
    patterns.add<ToIntrinsic<math::CopySignOp>>(context, "copysign");
    patterns.add<ToIntrinsic<math::RoundEvenOp>>(context, "roundeven");
    patterns.add<ToIntrinsic<math::TruncOp>>(context, "trunc");
    patterns.add<RsqrtToIntrinsics>(context);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
