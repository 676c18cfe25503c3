//===- ShapePatterns.cpp - loom shape and layout ops -> linalg / tensor ---===//
#include "LoweringHelpers.h"
#include "loom/Conversion/LoomToLinalg/LoomToLinalg.h"
#include "loom/Dialect/Loom/IR/LoomOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/Transforms/DialectConversion.h"

#include <numeric>

using namespace mlir;
using namespace loom;
using loom::detail::createEmptyTensor;

namespace {
/// Groups every dimension whose `keep` flag is false with a neighbouring kept
/// dimension, giving the reassociation that collapses those (size-1)
/// dimensions away. Dropping every dimension gives rank 0 (no groups).
SmallVector<ReassociationIndices>
reassociationDroppingUnitDims(ArrayRef<bool> keep) {
  SmallVector<ReassociationIndices> groups;
  ReassociationIndices pending;
  for (auto [dim, kept] : llvm::enumerate(keep)) {
    pending.push_back(dim);
    if (kept) {
      groups.push_back(pending);
      pending.clear();
    }
  }
  if (!groups.empty())
    groups.back().append(pending.begin(), pending.end());
  return groups;
}

/// broadcast_in_dim -> linalg.generic whose input map projects the result
/// loops onto the operand's dimensions. Operand dimensions of size 1 that
/// expand are collapsed away first, so the map stays a projected permutation
/// (what fusion and vectorization expect).
struct BroadcastInDimToGeneric : OpConversionPattern<BroadcastInDimOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(BroadcastInDimOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType operandType = op.getOperand().getType();
    RankedTensorType resultType = op.getResult().getType();
    ArrayRef<int64_t> dims = op.getBroadcastDimensions();

    SmallVector<bool> keep;
    SmallVector<int64_t> keptShape;
    SmallVector<AffineExpr> operandExprs;
    for (auto [operandDim, resultDim] : llvm::enumerate(dims)) {
      int64_t size = operandType.getDimSize(operandDim);
      bool kept = size == resultType.getDimSize(resultDim);
      keep.push_back(kept);
      if (!kept)
        continue;
      keptShape.push_back(size);
      operandExprs.push_back(rewriter.getAffineDimExpr(resultDim));
    }

    Value operand = adaptor.getOperand();
    if (static_cast<int64_t>(keptShape.size()) != operandType.getRank())
      operand = tensor::CollapseShapeOp::create(
          rewriter, loc, operandType.clone(keptShape), operand,
          reassociationDroppingUnitDims(keep));

    int64_t rank = resultType.getRank();
    SmallVector<AffineMap> maps{
        AffineMap::get(rank, 0, operandExprs, rewriter.getContext()),
        rewriter.getMultiDimIdentityMap(rank)};
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{resultType}, ValueRange{operand},
        ValueRange{createEmptyTensor(rewriter, loc, resultType)}, maps,
        iterators, [](OpBuilder &builder, Location bodyLoc, ValueRange args) {
          linalg::YieldOp::create(builder, bodyLoc, args[0]);
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

/// reshape -> one tensor.collapse_shape or tensor.expand_shape when the shapes
/// nest, otherwise a collapse to 1-D followed by an expand (always valid,
/// since reshape keeps row-major order).
struct ReshapeToTensorReshapes : OpConversionPattern<ReshapeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ReshapeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType sourceType = op.getOperand().getType();
    RankedTensorType resultType = op.getResult().getType();
    Value source = adaptor.getOperand();
    if (sourceType == resultType) {
      rewriter.replaceOp(op, source);
      return success();
    }
    if (sourceType.getRank() > resultType.getRank()) {
      if (auto groups =
              getReassociationIndicesForReshape(sourceType, resultType)) {
        rewriter.replaceOpWithNewOp<tensor::CollapseShapeOp>(op, resultType,
                                                             source, *groups);
        return success();
      }
    } else if (sourceType.getRank() < resultType.getRank()) {
      if (auto groups =
              getReassociationIndicesForReshape(resultType, sourceType)) {
        rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(op, resultType,
                                                           source, *groups);
        return success();
      }
    }
    Value flat = source;
    if (sourceType.getRank() != 1) {
      ReassociationIndices all(sourceType.getRank());
      std::iota(all.begin(), all.end(), 0);
      flat = tensor::CollapseShapeOp::create(
          rewriter, loc, sourceType.clone({sourceType.getNumElements()}),
          source, ArrayRef<ReassociationIndices>{all});
    }
    if (resultType.getRank() == 1) {
      rewriter.replaceOp(op, flat);
      return success();
    }
    ReassociationIndices all(resultType.getRank());
    std::iota(all.begin(), all.end(), 0);
    rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(
        op, resultType, flat, ArrayRef<ReassociationIndices>{all});
    return success();
  }
};

/// transpose -> linalg.transpose into a fresh tensor.
struct TransposeToLinalg : OpConversionPattern<TransposeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(TransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value init =
        createEmptyTensor(rewriter, op.getLoc(), op.getResult().getType());
    auto transpose = linalg::TransposeOp::create(
        rewriter, op.getLoc(), adaptor.getOperand(), init, op.getPermutation());
    rewriter.replaceOp(op, transpose.getResult());
    return success();
  }
};

/// slice -> tensor.extract_slice with static offsets, sizes and strides.
struct SliceToExtractSlice : OpConversionPattern<SliceOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(SliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    RankedTensorType resultType = op.getResult().getType();
    rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(
        op, resultType, adaptor.getOperand(), ValueRange{}, ValueRange{},
        ValueRange{}, op.getStart(), resultType.getShape(), op.getStrides());
    return success();
  }
};

/// concat -> tensor.empty and one tensor.insert_slice per input, each at the
/// running offset along the axis.
struct ConcatToInsertSlices : OpConversionPattern<ConcatOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ConcatOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType resultType = op.getResult().getType();
    int64_t axis = op.getAxis();
    Value result = createEmptyTensor(rewriter, loc, resultType);
    SmallVector<int64_t> offsets(resultType.getRank(), 0);
    SmallVector<int64_t> strides(resultType.getRank(), 1);
    for (Value input : adaptor.getInputs()) {
      auto inputType = cast<RankedTensorType>(input.getType());
      result = tensor::InsertSliceOp::create(
          rewriter, loc, input, result, ValueRange{}, ValueRange{},
          ValueRange{}, offsets, inputType.getShape(), strides);
      offsets[axis] += inputType.getDimSize(axis);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};
} // namespace

void loom::populateLoomShapeToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<BroadcastInDimToGeneric, ReshapeToTensorReshapes,
               TransposeToLinalg, SliceToExtractSlice, ConcatToInsertSlices>(
      patterns.getContext());
}
