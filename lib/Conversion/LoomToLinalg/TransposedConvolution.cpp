//===- TransposedConvolution.cpp - The linalg form of conv2d_transpose ----===//
#include "loom/Conversion/LoomToLinalg/TransposedConvolution.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/AffineMap.h"

using namespace mlir;

namespace {

constexpr unsigned kLoops = 7;

/// Maps of (input, filter, output) over the loops (n, c, y, x, o, i, j).
SmallVector<AffineMap, 3>
transposedConvolutionMaps(MLIRContext *context,
                          const loom::TransposedConvolutionWindow &window) {
  AffineExpr n, c, y, x, o, i, j;
  bindDims(context, n, c, y, x, o, i, j);
  auto [strides, dilations] = window;
  return {AffineMap::get(kLoops, 0, {n, o, y, x}, context),
          AffineMap::get(kLoops, 0, {o, c, i, j}, context),
          AffineMap::get(kLoops, 0,
                         {n, c, y * strides[0] + i * dilations[0],
                          x * strides[1] + j * dilations[1]},
                         context)};
}

SmallVector<utils::IteratorType> transposedConvolutionIterators() {
  SmallVector<utils::IteratorType> iterators(kLoops,
                                             utils::IteratorType::reduction);
  iterators[0] = iterators[1] = utils::IteratorType::parallel;
  return iterators;
}

/// The coefficient of loop `loop` in result `result` of `map`, whose results
/// are linear in the loops without a constant term.
int64_t coefficient(AffineMap map, unsigned result, unsigned loop) {
  SmallVector<int64_t> point(map.getNumDims(), 0);
  point[loop] = 1;
  return map.compose(point)[result];
}

} // namespace

Value loom::createTransposedConvolution(
    OpBuilder &builder, Location loc, Value input, Value filter, Value init,
    const TransposedConvolutionWindow &window) {
  return linalg::GenericOp::create(
             builder, loc, TypeRange{init.getType()},
             ValueRange{input, filter}, ValueRange{init},
             transposedConvolutionMaps(builder.getContext(), window),
             transposedConvolutionIterators(),
             [](OpBuilder &nested, Location nestedLoc, ValueRange args) {
               Value product =
                   arith::MulFOp::create(nested, nestedLoc, args[0], args[1]);
               linalg::YieldOp::create(
                   nested, nestedLoc,
                   arith::AddFOp::create(nested, nestedLoc, args[2], product)
                       .getResult());
             })
      .getResult(0);
}

std::optional<loom::TransposedConvolutionWindow>
loom::matchTransposedConvolution(linalg::LinalgOp op) {
  auto generic = dyn_cast<linalg::GenericOp>(op.getOperation());
  if (!generic || !generic.hasPureTensorSemantics() ||
      generic.getNumDpsInputs() != 2 || generic.getNumDpsInits() != 1 ||
      generic.getNumLoops() != kLoops ||
      !llvm::equal(generic.getIteratorTypesArray(),
                   transposedConvolutionIterators()))
    return std::nullopt;
  Type elementType = getElementTypeOrSelf(generic.getResult(0).getType());
  for (Value operand : generic->getOperands()) {
    auto type = dyn_cast<RankedTensorType>(operand.getType());
    if (!type || !type.hasStaticShape() || type.getRank() != 4 ||
        type.getElementType() != elementType)
      return std::nullopt;
  }
  AffineMap outputMap = generic.getIndexingMapsArray()[2];
  if (outputMap.getNumResults() != 4 || outputMap.getNumSymbols() != 0)
    return std::nullopt;
  // Read the window off the output map, then require every map to be the
  // one it implies.
  TransposedConvolutionWindow window{
      {coefficient(outputMap, 2, 2), coefficient(outputMap, 3, 3)},
      {coefficient(outputMap, 2, 5), coefficient(outputMap, 3, 6)}};
  if (llvm::any_of(window.strides, [](int64_t s) { return s < 1; }) ||
      llvm::any_of(window.dilations, [](int64_t d) { return d < 1; }) ||
      !llvm::equal(generic.getIndexingMapsArray(),
                   transposedConvolutionMaps(op->getContext(), window)))
    return std::nullopt;
  auto multiplyThenAdd = [](Operation *multiply, Operation *add) {
    return isa<arith::MulFOp>(multiply) && isa<arith::AddFOp>(add);
  };
  if (!linalg::detail::isContractionBody(*generic.getBlock(), multiplyThenAdd))
    return std::nullopt;
  return window;
}
