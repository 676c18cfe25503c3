//===- ContractionPatterns.cpp - matmul, conv2d, reductions -> linalg -----===//
#include "LoweringHelpers.h"
#include "loom/Conversion/LoomToLinalg/LoomToLinalg.h"
#include "loom/Conversion/LoomToLinalg/TransposedConvolution.h"
#include "loom/Dialect/Loom/IR/LoomOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

#include <limits>
#include <numeric>

using namespace mlir;
using namespace loom;
using loom::detail::createElementwiseGeneric;
using loom::detail::createFilledTensor;
using loom::detail::createFloatConstant;

namespace {
/// Reassociation that merges the leading `batchRank` dimensions of a
/// `rank`-dimensional tensor into one and keeps the last two.
SmallVector<ReassociationIndices> mergeBatchDims(int64_t rank) {
  ReassociationIndices batch(rank - 2);
  std::iota(batch.begin(), batch.end(), 0);
  return {batch, {rank - 2}, {rank - 1}};
}

/// matmul -> linalg.fill(0) + linalg.matmul (rank 2) or linalg.batch_matmul
/// (rank 3). Higher ranks collapse their batch dimensions into one around a
/// batch_matmul, so every case reaches a named op the tiling and vectorization
/// recipes know.
struct MatmulToLinalg : OpConversionPattern<MatmulOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(MatmulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType resultType = op.getResult().getType();
    int64_t rank = resultType.getRank();
    Value lhs = adaptor.getLhs();
    Value rhs = adaptor.getRhs();
    Value zero =
        createFloatConstant(rewriter, loc, resultType.getElementType(), 0.0);

    if (rank == 2) {
      Value init = createFilledTensor(rewriter, loc, resultType, zero);
      auto matmul =
          linalg::MatmulOp::create(rewriter, loc, TypeRange{resultType},
                                   ValueRange{lhs, rhs}, ValueRange{init});
      rewriter.replaceOp(op, matmul.getResult(0));
      return success();
    }

    RankedTensorType batchedType = resultType;
    if (rank > 3) {
      SmallVector<ReassociationIndices> groups = mergeBatchDims(rank);
      lhs = tensor::CollapseShapeOp::create(rewriter, loc, lhs, groups);
      rhs = tensor::CollapseShapeOp::create(rewriter, loc, rhs, groups);
      batchedType =
          tensor::CollapseShapeOp::inferCollapsedType(resultType, groups);
    }
    Value init = createFilledTensor(rewriter, loc, batchedType, zero);
    Value product =
        linalg::BatchMatmulOp::create(rewriter, loc, TypeRange{batchedType},
                                      ValueRange{lhs, rhs}, ValueRange{init})
            .getResult(0);
    if (rank > 3)
      product = tensor::ExpandShapeOp::create(rewriter, loc, resultType,
                                              product, mergeBatchDims(rank));
    rewriter.replaceOp(op, product);
    return success();
  }
};

/// conv2d -> tensor.pad with zeros (when padding > 0) + linalg.fill(0) +
/// linalg.conv_2d_nchw_fchw with the op's strides and dilations.
struct Conv2DToLinalg : OpConversionPattern<Conv2DOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(Conv2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType resultType = op.getResult().getType();
    Type elementType = resultType.getElementType();
    ArrayRef<int64_t> padding = op.getPadding();
    Value zero = createFloatConstant(rewriter, loc, elementType, 0.0);

    Value input = adaptor.getInput();
    if (padding[0] > 0 || padding[1] > 0) {
      RankedTensorType inputType = op.getInput().getType();
      SmallVector<int64_t> paddedShape(inputType.getShape());
      paddedShape[2] += 2 * padding[0];
      paddedShape[3] += 2 * padding[1];
      SmallVector<OpFoldResult> pads{
          rewriter.getIndexAttr(0), rewriter.getIndexAttr(0),
          rewriter.getIndexAttr(padding[0]), rewriter.getIndexAttr(padding[1])};
      input = tensor::PadOp::create(rewriter, loc, inputType.clone(paddedShape),
                                    input, pads, pads, zero);
    }

    auto attrType = RankedTensorType::get({2}, rewriter.getI64Type());
    auto strides = DenseIntElementsAttr::get(attrType, op.getStrides());
    auto dilations = DenseIntElementsAttr::get(attrType, op.getDilations());
    Value init = createFilledTensor(rewriter, loc, resultType, zero);
    auto conv =
        linalg::Conv2DNchwFchwOp::create(rewriter, loc, TypeRange{resultType},
                                         ValueRange{input, adaptor.getFilter()},
                                         ValueRange{init}, strides, dilations);
    rewriter.replaceOp(op, conv.getResult(0));
    return success();
  }
};

/// conv2d_transpose -> a zero buffer covering every position a filter tap
/// reaches, the scatter generic of TransposedConvolution.h accumulating into
/// it, and the window [p, p + h) of the buffer that is the result. How the
/// scatter is computed is the target's choice.
struct Conv2DTransposeToLinalg : OpConversionPattern<Conv2DTransposeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(Conv2DTransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType resultType = op.getResult().getType();
    RankedTensorType inputType = op.getInput().getType();
    RankedTensorType filterType = op.getFilter().getType();
    Type elementType = resultType.getElementType();
    ArrayRef<int64_t> strides = op.getStrides(), padding = op.getPadding(),
                      dilations = op.getDilations();

    SmallVector<int64_t> bufferShape{resultType.getDimSize(0),
                                     resultType.getDimSize(1)};
    for (int64_t d = 0; d < 2; ++d) {
      int64_t reach = (inputType.getDimSize(2 + d) - 1) * strides[d] +
                      (filterType.getDimSize(2 + d) - 1) * dilations[d] + 1;
      bufferShape.push_back(
          std::max(reach, padding[d] + resultType.getDimSize(2 + d)));
    }
    Value zero = createFloatConstant(rewriter, loc, elementType, 0.0);
    Value buffer = createFilledTensor(
        rewriter, loc, RankedTensorType::get(bufferShape, elementType), zero);
    Value scattered = createTransposedConvolution(
        rewriter, loc, adaptor.getInput(), adaptor.getFilter(), buffer,
        TransposedConvolutionWindow{{strides[0], strides[1]},
                                    {dilations[0], dilations[1]}});

    auto index = [&](int64_t value) -> OpFoldResult {
      return rewriter.getIndexAttr(value);
    };
    Value result = tensor::ExtractSliceOp::create(
        rewriter, loc, resultType, scattered,
        SmallVector<OpFoldResult>{index(0), index(0), index(padding[0]),
                                  index(padding[1])},
        llvm::map_to_vector(resultType.getShape(), index),
        SmallVector<OpFoldResult>(4, index(1)));
    rewriter.replaceOp(op, result);
    return success();
  }
};

enum class Combiner { Add, Max };

/// Builds linalg.reduce of `input` over `axes` into a tensor of `resultType`
/// filled with the combiner's identity (0 or -inf).
Value createReduction(OpBuilder &builder, Location loc, Value input,
                      ArrayRef<int64_t> axes, RankedTensorType resultType,
                      Combiner combiner) {
  Type elementType = resultType.getElementType();
  double identity = combiner == Combiner::Add
                        ? 0.0
                        : -std::numeric_limits<double>::infinity();
  Value init = createFilledTensor(
      builder, loc, resultType,
      createFloatConstant(builder, loc, elementType, identity));
  auto reduce = linalg::ReduceOp::create(
      builder, loc, ValueRange{input}, ValueRange{init}, axes,
      [combiner](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        Value combined =
            combiner == Combiner::Add
                ? arith::AddFOp::create(nested, nestedLoc, args[0], args[1])
                      .getResult()
                : arith::MaximumFOp::create(nested, nestedLoc, args[0], args[1])
                      .getResult();
        linalg::YieldOp::create(nested, nestedLoc, combined);
      });
  return reduce.getResult(0);
}

/// reduce_sum / reduce_max -> linalg.reduce with addf / maximumf.
template <typename OpTy, Combiner combiner>
struct ReductionToLinalg : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;

  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, createReduction(rewriter, op.getLoc(),
                                           adaptor.getOperand(), op.getAxes(),
                                           op.getResult().getType(), combiner));
    return success();
  }
};

/// reduce_mean -> the sum, then an elementwise division by the number of
/// reduced elements (a division, not a multiply by the reciprocal, so the
/// result matches sum / count exactly).
struct ReduceMeanToLinalg : OpConversionPattern<ReduceMeanOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ReduceMeanOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType operandType = op.getOperand().getType();
    RankedTensorType resultType = op.getResult().getType();
    int64_t count = 1;
    for (int64_t axis : op.getAxes())
      count *= operandType.getDimSize(axis);
    Value sum = createReduction(rewriter, loc, adaptor.getOperand(),
                                op.getAxes(), resultType, Combiner::Add);
    Value mean = createElementwiseGeneric(
        rewriter, loc, resultType, ValueRange{sum},
        [count](OpBuilder &builder, Location bodyLoc, ValueRange x) -> Value {
          Value divisor = createFloatConstant(builder, bodyLoc, x[0].getType(),
                                              static_cast<double>(count));
          return arith::DivFOp::create(builder, bodyLoc, x[0], divisor);
        });
    rewriter.replaceOp(op, mean);
    return success();
  }
};
} // namespace

void loom::populateLoomContractionToLinalgPatterns(
    RewritePatternSet &patterns) {
  patterns
      .add<MatmulToLinalg, Conv2DToLinalg, Conv2DTransposeToLinalg,
           ReductionToLinalg<ReduceSumOp, Combiner::Add>,
           ReductionToLinalg<ReduceMaxOp, Combiner::Max>, ReduceMeanToLinalg>(
          patterns.getContext());
}
