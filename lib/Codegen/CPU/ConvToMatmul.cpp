//===- ConvToMatmul.cpp - Convolutions as im2col + matrix products --------===//
//
// out[n, f, oh, ow] += sum_{c, kh, kw} W[f, c, kh, kw] * I[n, c, oh*sh + kh*dh,
// ow*sw + kw*dw] is a matrix product once the input windows are gathered into
// a matrix (im2col) with K = C*KH*KW. Two layouts of that product:
//
//  - pixels as columns (im2col_pixels): out[n] (F x P) += W (F x K) * col[n]
//    (K x P), P = OH*OW; the result is already NCHW.
//  - channels as columns (im2col_channels): (N*P x F) = col (N*P x K) * W^T
//    (K x F); needs the filter and the result transposed.
//
// Which one (or neither) is the CPU strategy's choice, as is whether a
// transposed convolution (the adjoint: a product, then col2im) is computed as
// a product at all.
//
//===----------------------------------------------------------------------===//
#include "loom/Codegen/CPU/ConvToMatmul.h"

#include "loom/Conversion/LoomToLinalg/TransposedConvolution.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/AffineMap.h"

using namespace mlir;

namespace {

/// col[...] = input[n, c, oh*sh + kh*dh, ow*sw + kw*dw], with the six loops
/// (n, c, kh, kw, oh, ow) laid out in the result in `resultOrder`.
Value gatherWindows(OpBuilder &builder, Location loc, Value input,
                    ArrayRef<int64_t> loopRanges, ArrayRef<int64_t> strides,
                    ArrayRef<int64_t> dilations,
                    ArrayRef<unsigned> resultOrder) {
  MLIRContext *context = builder.getContext();
  auto inputType = cast<RankedTensorType>(input.getType());
  AffineExpr n, c, kh, kw, oh, ow;
  bindDims(context, n, c, kh, kw, oh, ow);
  AffineMap readMap = AffineMap::get(
      6, 0,
      {n, c, oh * strides[0] + kh * dilations[0],
       ow * strides[1] + kw * dilations[1]},
      context);
  SmallVector<AffineExpr> resultDims;
  SmallVector<int64_t> resultShape;
  for (unsigned loop : resultOrder) {
    resultDims.push_back(getAffineDimExpr(loop, context));
    resultShape.push_back(loopRanges[loop]);
  }
  AffineMap writeMap = AffineMap::get(6, 0, resultDims, context);
  Value empty = tensor::EmptyOp::create(builder, loc, resultShape,
                                        inputType.getElementType());
  SmallVector<utils::IteratorType> iterators(6, utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             builder, loc, TypeRange{empty.getType()}, ValueRange{input},
             ValueRange{empty}, ArrayRef<AffineMap>{readMap, writeMap},
             iterators,
             [](OpBuilder &nested, Location nestedLoc, ValueRange args) {
               linalg::YieldOp::create(nested, nestedLoc, args[0]);
             })
      .getResult(0);
}

Value transpose(OpBuilder &builder, Location loc, Value source, Value init,
                ArrayRef<int64_t> permutation) {
  return linalg::TransposeOp::create(builder, loc, source, init, permutation)
      .getResult()
      .front();
}

Value emptyLike(OpBuilder &builder, Location loc, Value source,
                ArrayRef<int64_t> permutation) {
  auto type = cast<RankedTensorType>(source.getType());
  SmallVector<int64_t> shape;
  for (int64_t dim : permutation)
    shape.push_back(type.getDimSize(dim));
  return tensor::EmptyOp::create(builder, loc, shape, type.getElementType());
}

} // namespace

bool loom::canRewriteConvAsMatmul(linalg::Conv2DNchwFchwOp conv) {
  if (!conv.hasPureTensorSemantics())
    return false;
  auto inputType = cast<RankedTensorType>(conv.getInputs()[0].getType());
  auto filterType = cast<RankedTensorType>(conv.getInputs()[1].getType());
  auto resultType = cast<RankedTensorType>(conv.getOutputs()[0].getType());
  Type elementType = resultType.getElementType();
  return inputType.hasStaticShape() && filterType.hasStaticShape() &&
         resultType.hasStaticShape() &&
         inputType.getElementType() == elementType &&
         filterType.getElementType() == elementType;
}

LogicalResult loom::rewriteConvAsMatmul(RewriterBase &rewriter,
                                        linalg::Conv2DNchwFchwOp conv,
                                        ConvAlgorithm algorithm) {
  if ((algorithm != ConvAlgorithm::im2col_pixels &&
       algorithm != ConvAlgorithm::im2col_channels) ||
      !canRewriteConvAsMatmul(conv))
    return failure();
  Value input = conv.getInputs()[0], filter = conv.getInputs()[1];
  Value init = conv.getOutputs()[0];
  auto filterType = cast<RankedTensorType>(filter.getType());
  auto resultType = cast<RankedTensorType>(init.getType());
  Type elementType = resultType.getElementType();

  SmallVector<int64_t> strides =
      llvm::to_vector(conv.getStrides().getValues<int64_t>());
  SmallVector<int64_t> dilations =
      llvm::to_vector(conv.getDilations().getValues<int64_t>());
  int64_t batch = resultType.getDimSize(0), channels = filterType.getDimSize(1);
  int64_t outChannels = resultType.getDimSize(1);
  int64_t windowH = filterType.getDimSize(2), windowW = filterType.getDimSize(3);
  int64_t outH = resultType.getDimSize(2), outW = resultType.getDimSize(3);
  // Loop ranges in the order (n, c, kh, kw, oh, ow) of gatherWindows.
  SmallVector<int64_t> loopRanges{batch, channels, windowH,
                                  windowW, outH,     outW};

  Location loc = conv.getLoc();
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(conv);
  SmallVector<ReassociationIndices> filterToMatrix{{0}, {1, 2, 3}};

  if (algorithm == ConvAlgorithm::im2col_pixels) {
    // col[n, (c, kh, kw), (oh, ow)]; out[n, f, p] += W[f, k] * col[n, k, p].
    Value windows = gatherWindows(rewriter, loc, input, loopRanges, strides,
                                  dilations, {0, 1, 2, 3, 4, 5});
    Value columns = tensor::CollapseShapeOp::create(
        rewriter, loc, windows,
        SmallVector<ReassociationIndices>{{0}, {1, 2, 3}, {4, 5}});
    Value weights =
        tensor::CollapseShapeOp::create(rewriter, loc, filter, filterToMatrix);
    SmallVector<ReassociationIndices> pixels{{0}, {1}, {2, 3}};
    Value accumulator =
        tensor::CollapseShapeOp::create(rewriter, loc, init, pixels);
    // A fill is recreated in the product's shape, where the tiling can fuse
    // it into the register tiles.
    if (auto fill = init.getDefiningOp<linalg::FillOp>())
      accumulator =
          linalg::FillOp::create(
              rewriter, loc, fill.getInputs()[0],
              tensor::EmptyOp::create(
                  rewriter, loc,
                  cast<RankedTensorType>(accumulator.getType()).getShape(),
                  elementType)
                  .getResult())
              .getResult(0);
    MLIRContext *context = rewriter.getContext();
    AffineExpr n, f, p, k;
    bindDims(context, n, f, p, k);
    SmallVector<AffineMap> maps{AffineMap::get(4, 0, {f, k}, context),
                                AffineMap::get(4, 0, {n, k, p}, context),
                                AffineMap::get(4, 0, {n, f, p}, context)};
    SmallVector<utils::IteratorType> iterators(3, utils::IteratorType::parallel);
    iterators.push_back(utils::IteratorType::reduction);
    Value product =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{accumulator.getType()},
            ValueRange{weights, columns}, ValueRange{accumulator}, maps,
            iterators,
            [](OpBuilder &nested, Location nestedLoc, ValueRange args) {
              Value term =
                  arith::MulFOp::create(nested, nestedLoc, args[0], args[1]);
              Value sum = arith::AddFOp::create(nested, nestedLoc, args[2], term);
              linalg::YieldOp::create(nested, nestedLoc, sum);
            })
            .getResult(0);
    rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(conv, resultType,
                                                       product, pixels);
    return success();
  }

  // col[(n, oh, ow), (c, kh, kw)] * W^T[(c, kh, kw), f] -> [(n, oh, ow), f].
  Value windows = gatherWindows(rewriter, loc, input, loopRanges, strides,
                                dilations, {0, 4, 5, 1, 2, 3});
  SmallVector<ReassociationIndices> rowsAndColumns{{0, 1, 2}, {3, 4, 5}};
  Value columns =
      tensor::CollapseShapeOp::create(rewriter, loc, windows, rowsAndColumns);
  Value weights =
      tensor::CollapseShapeOp::create(rewriter, loc, filter, filterToMatrix);
  Value weightsT = transpose(rewriter, loc, weights,
                             emptyLike(rewriter, loc, weights, {1, 0}), {1, 0});

  // The accumulator: pixels by channels. A fill is recreated in that shape,
  // where the tiling fuses it; other values are transposed to NHWC.
  const SmallVector<int64_t> toChannelsLast{0, 2, 3, 1};
  SmallVector<ReassociationIndices> pixelRows{{0, 1, 2}, {3}};
  auto channelsLastType = RankedTensorType::get(
      {batch, outH, outW, outChannels}, elementType);
  Value accumulator;
  auto fill = init.getDefiningOp<linalg::FillOp>();
  if (fill) {
    Value empty = tensor::EmptyOp::create(
        rewriter, loc, ArrayRef<int64_t>{batch * outH * outW, outChannels},
        elementType);
    accumulator =
        linalg::FillOp::create(rewriter, loc, fill.getInputs()[0], empty)
            .getResult(0);
  } else {
    accumulator = tensor::CollapseShapeOp::create(
        rewriter, loc,
        transpose(rewriter, loc, init,
                  emptyLike(rewriter, loc, init, toChannelsLast),
                  toChannelsLast),
        pixelRows);
  }
  Value product =
      linalg::MatmulOp::create(rewriter, loc, TypeRange{accumulator.getType()},
                               ValueRange{columns, weightsT},
                               ValueRange{accumulator})
          .getResult(0);
  Value expanded = tensor::ExpandShapeOp::create(
      rewriter, loc, channelsLastType, product, pixelRows);
  // The fill's values are all in the product already, so the transpose back
  // may write a fresh tensor (which becomes the result buffer).
  Value destination =
      fill ? tensor::EmptyOp::create(rewriter, loc, resultType.getShape(),
                                     elementType)
                 .getResult()
           : init;
  rewriter.replaceOp(conv, transpose(rewriter, loc, expanded, destination,
                                     {0, 3, 1, 2}));
  return success();
}

LogicalResult loom::rewriteTransposedConvAsCol2im(RewriterBase &rewriter,
                                                  linalg::LinalgOp op) {
  std::optional<TransposedConvolutionWindow> window =
      matchTransposedConvolution(op);
  if (!window)
    return failure();
  Value input = op.getDpsInputs()[0], filter = op.getDpsInputs()[1];
  Value buffer = op.getDpsInits()[0];
  auto inputType = cast<RankedTensorType>(input.getType());
  auto filterType = cast<RankedTensorType>(filter.getType());
  Type elementType = inputType.getElementType();
  int64_t batch = inputType.getDimSize(0);
  int64_t outH = inputType.getDimSize(2), outW = inputType.getDimSize(3);
  int64_t channels = filterType.getDimSize(1);
  int64_t windowH = filterType.getDimSize(2), windowW = filterType.getDimSize(3);
  int64_t taps = channels * windowH * windowW, pixels = batch * outH * outW;

  Location loc = op.getLoc();
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(op);
  auto transposed = [&](Value source, ArrayRef<int64_t> permutation) {
    return transpose(rewriter, loc, source,
                     emptyLike(rewriter, loc, source, permutation),
                     permutation);
  };
  Value weights = tensor::CollapseShapeOp::create(
      rewriter, loc, filter, SmallVector<ReassociationIndices>{{0}, {1, 2, 3}});
  Value weightsT = transposed(weights, {1, 0});
  Value inputMatrix = tensor::CollapseShapeOp::create(
      rewriter, loc, transposed(input, {1, 0, 2, 3}),
      SmallVector<ReassociationIndices>{{0}, {1, 2, 3}});
  Value zero = arith::ConstantOp::create(rewriter, loc, elementType,
                                         rewriter.getZeroAttr(elementType));
  Value columnsInit =
      linalg::FillOp::create(
          rewriter, loc, zero,
          tensor::EmptyOp::create(rewriter, loc,
                                  ArrayRef<int64_t>{taps, pixels}, elementType)
              .getResult())
          .getResult(0);
  Value columns =
      linalg::MatmulOp::create(rewriter, loc, TypeRange{columnsInit.getType()},
                               ValueRange{weightsT, inputMatrix},
                               ValueRange{columnsInit})
          .getResult(0);
  Value columnsByTap = tensor::ExpandShapeOp::create(
      rewriter, loc,
      RankedTensorType::get({channels, windowH, windowW, batch, outH, outW},
                            elementType),
      columns, SmallVector<ReassociationIndices>{{0, 1, 2}, {3, 4, 5}});

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
                                          index(window->strides[0]),
                                          index(window->strides[1])};
  auto tapType =
      RankedTensorType::get({channels, batch, outH, outW}, elementType);
  for (int64_t i = 0; i < windowH; ++i)
    for (int64_t j = 0; j < windowW; ++j) {
      SmallVector<OpFoldResult> windowOffsets{
          index(0), index(0), index(i * window->dilations[0]),
          index(j * window->dilations[1])};
      Value target = tensor::ExtractSliceOp::create(
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
              rewriter, loc, TypeRange{target.getType()}, ValueRange{tap},
              ValueRange{target}, maps, iterators,
              [](OpBuilder &nested, Location nestedLoc, ValueRange args) {
                linalg::YieldOp::create(
                    nested, nestedLoc,
                    arith::AddFOp::create(nested, nestedLoc, args[1], args[0])
                        .getResult());
              })
              .getResult(0);
      buffer = tensor::InsertSliceOp::create(rewriter, loc, sum, buffer,
                                             windowOffsets, windowSizes,
                                             windowStrides);
    }
  rewriter.replaceOp(op, buffer);
  return success();
}
