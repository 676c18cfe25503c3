//===- LowerVectors.cpp - Vector ops on buffers to LLVM-ready forms -------===//
//
// After bufferization: hoist loop-invariant transfers, then lower the
// high-level vector ops in phases so each phase sees the forms the previous
// one produced (contract -> outerproduct -> fma).
//
//===----------------------------------------------------------------------===//
#include "loom/Codegen/CPU/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Hoisting.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace loom {
#define GEN_PASS_DEF_LOWERVECTORS
#include "loom/Codegen/CPU/Passes.h.inc"
} // namespace loom

using namespace mlir;

namespace {

struct LowerVectorsPass : loom::impl::LowerVectorsBase<LowerVectorsPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    MLIRContext *context = &getContext();

    linalg::hoistRedundantVectorTransfers(func);

    // Broadcasting transfers become broadcasts, which fold into the
    // contractions they feed. This must finish before any contraction is
    // lowered: a contraction whose operands still carry the broadcast
    // dimensions matches no outer-product form and unrolls to scalars.
    RewritePatternSet operandForms(context);
    vector::populateVectorTransferPermutationMapLoweringPatterns(operandForms);
    vector::populateVectorReductionToContractPatterns(operandForms);
    if (failed(applyPatternsGreedily(func, std::move(operandForms))))
      return signalPassFailure();

    // Contractions become outer products; reductions, permuted transfers and
    // transcendental math become simpler vector ops.
    RewritePatternSet highLevel(context);
    vector::populateVectorContractLoweringPatterns(
        highLevel, vector::VectorContractLowering::OuterProduct);
    vector::populateVectorMultiReductionLoweringPatterns(
        highLevel, vector::VectorMultiReductionLowering::InnerReduction);
    vector::populateVectorTransferPermutationMapLoweringPatterns(highLevel);
    populateMathPolynomialApproximationPatterns(highLevel);
    vector::populateVectorReductionToContractPatterns(highLevel);
    if (failed(applyPatternsGreedily(func, std::move(highLevel))))
      return signalPassFailure();

    // Outer products become FMAs; n-D shape manipulations become 1-D ops.
    RewritePatternSet lowLevel(context);
    vector::populateVectorOuterProductLoweringPatterns(lowLevel);
    vector::populateVectorBroadcastLoweringPatterns(lowLevel);
    vector::populateVectorTransposeLoweringPatterns(
        lowLevel, vector::VectorTransposeLowering::EltWise);
    vector::populateVectorShapeCastLoweringPatterns(lowLevel);
    vector::populateVectorMaskOpLoweringPatterns(lowLevel);
    vector::populateVectorTransferLoweringPatterns(lowLevel,
                                                   /*maxTransferRank=*/1);
    vector::populateVectorStepLoweringPatterns(lowLevel);
    if (failed(applyPatternsGreedily(func, std::move(lowLevel))))
      return signalPassFailure();
  }
};

} // namespace
