//===- ContractionPatterns.cpp - matmul, conv2d, reductions -> linalg -----===//
#include "LoweringHelpers.h"
#include "loom/Conversion/LoomToLinalg/LoomToLinalg.h"
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

/// conv2d_transpose as the matrix product that the adjoint of im2col
/// implies, then col2im:
///   columns[(c, i, j), (n, y, x)] = sum_o W[o, (c, i, j)] * dY[o, (n, y, x)]
/// (a linalg.matmul of the transposed filter and the channel-major input),
/// then every filter tap (i, j) adds its slice of columns into the strided
/// window of a zero buffer that it reaches, result[:, :, y*s + i*d - p,
/// x*s + j*d - p]. The product does exactly the forward convolution's
/// multiply-adds; the scatter is KH*KW strided additions of the input's size.
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
    int64_t batch = inputType.getDimSize(0), outChannels = inputType.getDimSize(1);
    int64_t outH = inputType.getDimSize(2), outW = inputType.getDimSize(3);
    int64_t channels = filterType.getDimSize(1);
    int64_t windowH = filterType.getDimSize(2), windowW = filterType.getDimSize(3);
    int64_t taps = channels * windowH * windowW, pixels = batch * outH * outW;
    Value zero = createFloatConstant(rewriter, loc, elementType, 0.0);

    auto transposed = [&](Value source, ArrayRef<int64_t> shape,
                          ArrayRef<int64_t> permutation) {
      Value init = tensor::EmptyOp::create(rewriter, loc, shape, elementType);
      return linalg::TransposeOp::create(rewriter, loc, source, init,
                                         permutation)
          .getResult()
          .front();
    };
    Value weights = tensor::CollapseShapeOp::create(
        rewriter, loc, adaptor.getFilter(),
        SmallVector<ReassociationIndices>{{0}, {1, 2, 3}});
    Value weightsT = transposed(weights, {taps, outChannels}, {1, 0});
    Value channelMajor =
        transposed(adaptor.getInput(), {outChannels, batch, outH, outW},
                   {1, 0, 2, 3});
    Value inputMatrix = tensor::CollapseShapeOp::create(
        rewriter, loc, channelMajor,
        SmallVector<ReassociationIndices>{{0}, {1, 2, 3}});
    auto columnsType = RankedTensorType::get({taps, pixels}, elementType);
    Value columns =
        linalg::MatmulOp::create(
            rewriter, loc, TypeRange{columnsType},
            ValueRange{weightsT, inputMatrix},
            ValueRange{createFilledTensor(rewriter, loc, columnsType, zero)})
            .getResult(0);
    Value columnsByTap = tensor::ExpandShapeOp::create(
        rewriter, loc,
        RankedTensorType::get(
            {channels, windowH, windowW, batch, outH, outW}, elementType),
        columns, SmallVector<ReassociationIndices>{{0, 1, 2}, {3, 4, 5}});

    // The buffer covers every position a tap reaches and the result's
    // window [p, p + h) of it.
    SmallVector<int64_t> bufferShape{batch, channels};
    for (int64_t d = 0; d < 2; ++d) {
      int64_t reach = (inputType.getDimSize(2 + d) - 1) * strides[d] +
                      (filterType.getDimSize(2 + d) - 1) * dilations[d] + 1;
      bufferShape.push_back(
          std::max(reach, padding[d] + resultType.getDimSize(2 + d)));
    }
    Value buffer = createFilledTensor(
        rewriter, loc, RankedTensorType::get(bufferShape, elementType), zero);

    MLIRContext *context = rewriter.getContext();
    AffineExpr n, c, y, x;
    bindDims(context, n, c, y, x);
    SmallVector<AffineMap> maps{AffineMap::get(4, 0, {c, n, y, x}, context),
                                AffineMap::getMultiDimIdentityMap(4, context)};
    SmallVector<utils::IteratorType> iterators(4, utils::IteratorType::parallel);
    auto index = [&](int64_t value) -> OpFoldResult {
      return rewriter.getIndexAttr(value);
    };
    SmallVector<OpFoldResult> windowSizes{index(batch), index(channels),
                                          index(outH), index(outW)};
    SmallVector<OpFoldResult> windowStrides{index(1), index(1),
                                            index(strides[0]), index(strides[1])};
    auto tapType =
        RankedTensorType::get({channels, batch, outH, outW}, elementType);
    for (int64_t i = 0; i < windowH; ++i)
      for (int64_t j = 0; j < windowW; ++j) {
        SmallVector<OpFoldResult> windowOffsets{
            index(0), index(0), index(i * dilations[0]), index(j * dilations[1])};
        Value window = tensor::ExtractSliceOp::create(
            rewriter, loc, buffer, windowOffsets, windowSizes, windowStrides);
        Value tap = tensor::ExtractSliceOp::create(
            rewriter, loc, tapType, columnsByTap,
            SmallVector<OpFoldResult>{index(0), index(i), index(j), index(0),
                                      index(0), index(0)},
            SmallVector<OpFoldResult>{index(channels), index(1), index(1),
                                      index(batch), index(outH), index(outW)},
            SmallVector<OpFoldResult>(6, index(1)));
        Value sum =
            linalg::GenericOp::create(
                rewriter, loc, TypeRange{window.getType()}, ValueRange{tap},
                ValueRange{window}, maps, iterators,
                [](OpBuilder &nested, Location nestedLoc, ValueRange args) {
                  linalg::YieldOp::create(
                      nested, nestedLoc,
                      arith::AddFOp::create(nested, nestedLoc, args[1],
                                            args[0])
                          .getResult());
                })
                .getResult(0);
        buffer = tensor::InsertSliceOp::create(rewriter, loc, sum, buffer,
                                               windowOffsets, windowSizes,
                                               windowStrides);
      }

    Value result = tensor::ExtractSliceOp::create(
        rewriter, loc, resultType, buffer,
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
