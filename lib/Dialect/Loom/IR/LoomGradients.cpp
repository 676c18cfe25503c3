//===- LoomGradients.cpp - derivative rules of the loom ops ---------------===//
//
// Every differentiable loom op implements GradientOpInterface here: the
// vector-Jacobian product (reverse mode) and the Jacobian-vector product
// (forward mode), both written as loom ops so that the derivative code is
// canonicalized, fused and lowered like any other loom IR, and so that the
// derivative of a derivative (forward over reverse) needs no extra rules.
//
// Conventions shared with docs/autodiff.md:
//  - relu, abs and leaky_relu take the derivative of the `x > 0` branch only
//    at x > 0; at exactly 0, relu and abs give 0 and leaky_relu gives alpha.
//  - max/min: where lhs == rhs, each operand receives half the cotangent.
//  - reduce_max: the cotangent is split evenly between all positions equal to
//    the maximum (a valid subgradient, as in JAX and PyTorch's amax).
//  - pow: d/drhs uses log(lhs) with log(0) taken as 0, so 0^y is harmless.
//  - conv2d: the input gradient is a stride-1 convolution of the
//    stride-dilated, re-padded cotangent with the flipped, channel-swapped
//    filter; the filter gradient is a stride-1 convolution of the input (with
//    batch and channel swapped, padded as the forward op) with the
//    stride-dilated cotangent as filter. Dilation, padding and flipping are
//    composed from reshape, concat with zeros and slice.
//
//===----------------------------------------------------------------------===//
#include "loom/Dialect/Loom/IR/LoomOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/STLExtras.h"

#include <cmath>
#include <numbers>

using namespace mlir;
using namespace loom;

#include "loom/Dialect/Loom/IR/LoomInterfaces.cpp.inc"

namespace {

RankedTensorType tensorTypeOf(Value value) {
  return cast<RankedTensorType>(value.getType());
}

bool isFloatTensor(Value value) {
  return isa<FloatType>(tensorTypeOf(value).getElementType());
}

/// A constant of `type` with every element `value`.
Value splat(OpBuilder &b, Location loc, RankedTensorType type, double value) {
  auto elementType = cast<FloatType>(type.getElementType());
  auto attr = DenseElementsAttr::get(type, FloatAttr::get(elementType, value));
  return ConstantOp::create(b, loc, cast<ElementsAttr>(attr));
}

Value splatLike(OpBuilder &b, Location loc, Value like, double value) {
  return splat(b, loc, tensorTypeOf(like), value);
}

Value zerosLike(OpBuilder &b, Location loc, Value like) {
  return splatLike(b, loc, like, 0.0);
}

Value zerosOfShape(OpBuilder &b, Location loc, Value like,
                   ArrayRef<int64_t> shape) {
  return splat(b, loc, tensorTypeOf(like).clone(shape), 0.0);
}

Value add(OpBuilder &b, Location loc, Value x, Value y) {
  return AddOp::create(b, loc, x, y);
}
Value sub(OpBuilder &b, Location loc, Value x, Value y) {
  return SubOp::create(b, loc, x, y);
}
Value mul(OpBuilder &b, Location loc, Value x, Value y) {
  return MulOp::create(b, loc, x, y);
}
Value div(OpBuilder &b, Location loc, Value x, Value y) {
  return DivOp::create(b, loc, x, y);
}
Value scale(OpBuilder &b, Location loc, Value x, double factor) {
  return mul(b, loc, x, splatLike(b, loc, x, factor));
}
Value compare(OpBuilder &b, Location loc, ComparisonPredicate predicate,
              Value x, Value y) {
  return CompareOp::create(b, loc, predicate, x, y);
}
Value select(OpBuilder &b, Location loc, Value condition, Value onTrue,
             Value onFalse) {
  return SelectOp::create(b, loc, condition, onTrue, onFalse);
}
/// `value` where `x > 0`, zero elsewhere.
Value wherePositive(OpBuilder &b, Location loc, Value x, Value value) {
  Value zero = zerosLike(b, loc, x);
  return select(b, loc, compare(b, loc, ComparisonPredicate::gt, x, zero),
                value, zerosLike(b, loc, value));
}

Value reshape(OpBuilder &b, Location loc, Value value, RankedTensorType type) {
  if (value.getType() == type)
    return value;
  return ReshapeOp::create(b, loc, type, value);
}

Value reshapeTo(OpBuilder &b, Location loc, Value value,
                ArrayRef<int64_t> shape) {
  return reshape(b, loc, value, tensorTypeOf(value).clone(shape));
}

/// Slices `[start, limit)` of `axis`, every other dimension whole.
Value sliceAxis(OpBuilder &b, Location loc, Value value, int64_t axis,
                int64_t start, int64_t limit) {
  ArrayRef<int64_t> shape = tensorTypeOf(value).getShape();
  if (start == 0 && limit == shape[axis])
    return value;
  SmallVector<int64_t> starts(shape.size(), 0), limits(shape),
      strides(shape.size(), 1);
  starts[axis] = start;
  limits[axis] = limit;
  return SliceOp::create(b, loc, value, starts, limits, strides);
}

/// Adds `low` zeros before and `high` zeros after `axis`; a negative count
/// removes that many elements instead.
Value padOrCrop(OpBuilder &b, Location loc, Value value, int64_t axis,
                int64_t low, int64_t high) {
  int64_t size = tensorTypeOf(value).getDimSize(axis);
  value = sliceAxis(b, loc, value, axis, std::max<int64_t>(0, -low),
                    size - std::max<int64_t>(0, -high));
  SmallVector<Value> pieces;
  auto zeros = [&](int64_t count) {
    SmallVector<int64_t> shape(tensorTypeOf(value).getShape());
    shape[axis] = count;
    return zerosOfShape(b, loc, value, shape);
  };
  if (low > 0)
    pieces.push_back(zeros(low));
  pieces.push_back(value);
  if (high > 0)
    pieces.push_back(zeros(high));
  if (pieces.size() == 1)
    return value;
  return ConcatOp::create(b, loc, pieces, axis);
}

/// Inserts `stride - 1` zeros after every element of `axis`: size n becomes
/// n * stride, element i moves to i * stride (the last stride - 1 are zeros).
Value dilate(OpBuilder &b, Location loc, Value value, int64_t axis,
             int64_t stride) {
  if (stride == 1)
    return value;
  ArrayRef<int64_t> shape = tensorTypeOf(value).getShape();
  SmallVector<int64_t> split(shape);
  split.insert(split.begin() + axis + 1, 1);
  SmallVector<int64_t> gapShape(split);
  gapShape[axis + 1] = stride - 1;
  Value columns = reshapeTo(b, loc, value, split);
  Value gaps = zerosOfShape(b, loc, value, gapShape);
  Value interleaved = ConcatOp::create(b, loc, ValueRange{columns, gaps}, axis + 1);
  SmallVector<int64_t> dilated(shape);
  dilated[axis] *= stride;
  return reshapeTo(b, loc, interleaved, dilated);
}

Value transpose(OpBuilder &b, Location loc, Value value,
                ArrayRef<int64_t> permutation) {
  return TransposeOp::create(b, loc, value, permutation);
}

/// Swaps the last two dimensions (the matrix transpose of a batched matmul).
Value transposeMatrices(OpBuilder &b, Location loc, Value value) {
  int64_t rank = tensorTypeOf(value).getRank();
  SmallVector<int64_t> permutation =
      llvm::to_vector(llvm::seq<int64_t>(0, rank));
  std::swap(permutation[rank - 1], permutation[rank - 2]);
  return transpose(b, loc, value, permutation);
}

/// The dimensions of a rank-`rank` tensor that are not in `axes`.
SmallVector<int64_t> keptDimensions(int64_t rank, ArrayRef<int64_t> axes) {
  SmallVector<int64_t> kept;
  for (int64_t d = 0; d < rank; ++d)
    if (!llvm::is_contained(axes, d))
      kept.push_back(d);
  return kept;
}

/// Broadcasts a reduction's result back over the reduced `axes` of `operand`.
Value expandReduced(OpBuilder &b, Location loc, Value reduced, Value operand,
                    ArrayRef<int64_t> axes) {
  RankedTensorType operandType = tensorTypeOf(operand);
  return BroadcastInDimOp::create(
      b, loc, operandType.clone(tensorTypeOf(reduced).getElementType()),
      reduced, keptDimensions(operandType.getRank(), axes));
}

//===----------------------------------------------------------------------===//
// Unary elementwise ops: vjp and jvp both multiply by f'(x)
//===----------------------------------------------------------------------===//

Value timesDerivative(NegOp op, OpBuilder &b, Value v) {
  return NegOp::create(b, op.getLoc(), v);
}
Value timesDerivative(ExpOp op, OpBuilder &b, Value v) {
  return mul(b, op.getLoc(), v, op.getResult());
}
Value timesDerivative(LogOp op, OpBuilder &b, Value v) {
  return div(b, op.getLoc(), v, op.getOperand());
}
Value timesDerivative(TanhOp op, OpBuilder &b, Value v) {
  Location loc = op.getLoc();
  Value y = op.getResult();
  Value slope = sub(b, loc, splatLike(b, loc, y, 1.0), mul(b, loc, y, y));
  return mul(b, loc, v, slope);
}
Value timesDerivative(SigmoidOp op, OpBuilder &b, Value v) {
  Location loc = op.getLoc();
  Value y = op.getResult();
  Value slope = mul(b, loc, y, sub(b, loc, splatLike(b, loc, y, 1.0), y));
  return mul(b, loc, v, slope);
}
Value timesDerivative(ReluOp op, OpBuilder &b, Value v) {
  return wherePositive(b, op.getLoc(), op.getOperand(), v);
}
Value timesDerivative(GeluOp op, OpBuilder &b, Value v) {
  // gelu(x) = 0.5 x (1 + tanh(u)), u = c (x + k x^3):
  // gelu'(x) = 0.5 (1 + t) + 0.5 x (1 - t^2) c (1 + 3 k x^2), t = tanh(u).
  Location loc = op.getLoc();
  Value x = op.getOperand();
  const double c = std::sqrt(2.0 / std::numbers::pi), k = 0.044715;
  Value x2 = mul(b, loc, x, x);
  Value cubic = add(b, loc, x, scale(b, loc, mul(b, loc, x, x2), k));
  Value t = TanhOp::create(b, loc, scale(b, loc, cubic, c));
  Value one = splatLike(b, loc, x, 1.0);
  Value halfOnePlusT = scale(b, loc, add(b, loc, one, t), 0.5);
  Value sech2 = sub(b, loc, one, mul(b, loc, t, t));
  Value du = scale(b, loc, add(b, loc, one, scale(b, loc, x2, 3.0 * k)), c);
  Value tail = mul(b, loc, scale(b, loc, x, 0.5), mul(b, loc, sech2, du));
  return mul(b, loc, v, add(b, loc, halfOnePlusT, tail));
}
Value timesDerivative(SqrtOp op, OpBuilder &b, Value v) {
  Location loc = op.getLoc();
  return div(b, loc, scale(b, loc, v, 0.5), op.getResult());
}
Value timesDerivative(RsqrtOp op, OpBuilder &b, Value v) {
  // d/dx x^(-1/2) = -1/2 x^(-3/2) = -1/2 rsqrt(x)^3.
  Location loc = op.getLoc();
  Value y = op.getResult();
  Value cube = mul(b, loc, mul(b, loc, y, y), y);
  return mul(b, loc, scale(b, loc, v, -0.5), cube);
}
Value timesDerivative(SquareOp op, OpBuilder &b, Value v) {
  Location loc = op.getLoc();
  return mul(b, loc, scale(b, loc, v, 2.0), op.getOperand());
}
Value timesDerivative(AbsOp op, OpBuilder &b, Value v) {
  Location loc = op.getLoc();
  Value x = op.getOperand();
  Value zero = zerosLike(b, loc, x);
  Value negative = compare(b, loc, ComparisonPredicate::lt, x, zero);
  Value forNegative = select(b, loc, negative, NegOp::create(b, loc, v), zero);
  return select(b, loc, compare(b, loc, ComparisonPredicate::gt, x, zero), v,
                forNegative);
}
Value timesDerivative(LeakyReluOp op, OpBuilder &b, Value v) {
  Location loc = op.getLoc();
  Value x = op.getOperand();
  Value positive = compare(b, loc, ComparisonPredicate::gt, x, zerosLike(b, loc, x));
  return select(b, loc, positive, v,
                scale(b, loc, v, op.getAlpha().convertToDouble()));
}

} // namespace

#define LOOM_UNARY_GRADIENTS(OP)                                               \
  SmallVector<Value> OP::buildVjp(OpBuilder &b, ValueRange resultCotangents,   \
                                  ArrayRef<bool> operandNeedsGradient) {       \
    if (!operandNeedsGradient[0])                                              \
      return {Value()};                                                        \
    return {timesDerivative(*this, b, resultCotangents[0])};                   \
  }                                                                            \
  SmallVector<Value> OP::buildJvp(OpBuilder &b, ValueRange operandTangents) {  \
    return {timesDerivative(*this, b, operandTangents[0])};                    \
  }
LOOM_UNARY_GRADIENTS(NegOp)
LOOM_UNARY_GRADIENTS(ExpOp)
LOOM_UNARY_GRADIENTS(LogOp)
LOOM_UNARY_GRADIENTS(TanhOp)
LOOM_UNARY_GRADIENTS(SigmoidOp)
LOOM_UNARY_GRADIENTS(ReluOp)
LOOM_UNARY_GRADIENTS(GeluOp)
LOOM_UNARY_GRADIENTS(SqrtOp)
LOOM_UNARY_GRADIENTS(RsqrtOp)
LOOM_UNARY_GRADIENTS(SquareOp)
LOOM_UNARY_GRADIENTS(AbsOp)
LOOM_UNARY_GRADIENTS(LeakyReluOp)
#undef LOOM_UNARY_GRADIENTS

//===----------------------------------------------------------------------===//
// Binary elementwise ops
//===----------------------------------------------------------------------===//

SmallVector<Value> AddOp::buildVjp(OpBuilder &, ValueRange resultCotangents,
                                   ArrayRef<bool>) {
  return {resultCotangents[0], resultCotangents[0]};
}
SmallVector<Value> AddOp::buildJvp(OpBuilder &b, ValueRange operandTangents) {
  return {add(b, getLoc(), operandTangents[0], operandTangents[1])};
}

SmallVector<Value> SubOp::buildVjp(OpBuilder &b, ValueRange resultCotangents,
                                   ArrayRef<bool> operandNeedsGradient) {
  Value cotangent = resultCotangents[0];
  Value rhs = operandNeedsGradient[1] ? NegOp::create(b, getLoc(), cotangent)
                                      : Value();
  return {cotangent, rhs};
}
SmallVector<Value> SubOp::buildJvp(OpBuilder &b, ValueRange operandTangents) {
  return {sub(b, getLoc(), operandTangents[0], operandTangents[1])};
}

SmallVector<Value> MulOp::buildVjp(OpBuilder &b, ValueRange resultCotangents,
                                   ArrayRef<bool> operandNeedsGradient) {
  Location loc = getLoc();
  Value cotangent = resultCotangents[0];
  SmallVector<Value> cotangents(2);
  if (operandNeedsGradient[0])
    cotangents[0] = mul(b, loc, cotangent, getRhs());
  if (operandNeedsGradient[1])
    cotangents[1] = mul(b, loc, cotangent, getLhs());
  return cotangents;
}
SmallVector<Value> MulOp::buildJvp(OpBuilder &b, ValueRange operandTangents) {
  Location loc = getLoc();
  return {add(b, loc, mul(b, loc, operandTangents[0], getRhs()),
              mul(b, loc, getLhs(), operandTangents[1]))};
}

SmallVector<Value> DivOp::buildVjp(OpBuilder &b, ValueRange resultCotangents,
                                   ArrayRef<bool> operandNeedsGradient) {
  // z = x / y: dz/dx = 1 / y, dz/dy = -x / y^2 = -(1 / y) z.
  Location loc = getLoc();
  Value overRhs = div(b, loc, resultCotangents[0], getRhs());
  SmallVector<Value> cotangents(2);
  if (operandNeedsGradient[0])
    cotangents[0] = overRhs;
  if (operandNeedsGradient[1])
    cotangents[1] = NegOp::create(b, loc, mul(b, loc, overRhs, getResult()));
  return cotangents;
}
SmallVector<Value> DivOp::buildJvp(OpBuilder &b, ValueRange operandTangents) {
  Location loc = getLoc();
  Value numerator = sub(b, loc, operandTangents[0],
                        mul(b, loc, getResult(), operandTangents[1]));
  return {div(b, loc, numerator, getRhs())};
}

namespace {
/// max and min: the share of `v` that goes to lhs. `wins` is where lhs alone
/// is selected; ties split evenly.
Value lhsShare(OpBuilder &b, Location loc, ComparisonPredicate wins, Value lhs,
               Value rhs, Value v) {
  Value lhsWins = compare(b, loc, wins, lhs, rhs);
  Value tie = compare(b, loc, ComparisonPredicate::eq, lhs, rhs);
  Value atTie = select(b, loc, tie, scale(b, loc, v, 0.5), zerosLike(b, loc, v));
  return select(b, loc, lhsWins, v, atTie);
}

SmallVector<Value> extremumVjp(OpBuilder &b, Location loc,
                               ComparisonPredicate wins, Value lhs, Value rhs,
                               Value cotangent) {
  Value toLhs = lhsShare(b, loc, wins, lhs, rhs, cotangent);
  return {toLhs, sub(b, loc, cotangent, toLhs)};
}

Value extremumJvp(OpBuilder &b, Location loc, ComparisonPredicate wins,
                  Value lhs, Value rhs, Value lhsTangent, Value rhsTangent) {
  Value fromLhs = lhsShare(b, loc, wins, lhs, rhs, lhsTangent);
  Value rhsWins = compare(b, loc, wins, rhs, lhs);
  Value tie = compare(b, loc, ComparisonPredicate::eq, lhs, rhs);
  Value rhsAtTie = select(b, loc, tie, scale(b, loc, rhsTangent, 0.5),
                          zerosLike(b, loc, rhsTangent));
  Value fromRhs = select(b, loc, rhsWins, rhsTangent, rhsAtTie);
  return add(b, loc, fromLhs, fromRhs);
}
} // namespace

SmallVector<Value> MaxOp::buildVjp(OpBuilder &b, ValueRange resultCotangents,
                                   ArrayRef<bool>) {
  return extremumVjp(b, getLoc(), ComparisonPredicate::gt, getLhs(), getRhs(),
                     resultCotangents[0]);
}
SmallVector<Value> MaxOp::buildJvp(OpBuilder &b, ValueRange operandTangents) {
  return {extremumJvp(b, getLoc(), ComparisonPredicate::gt, getLhs(), getRhs(),
                      operandTangents[0], operandTangents[1])};
}

SmallVector<Value> MinOp::buildVjp(OpBuilder &b, ValueRange resultCotangents,
                                   ArrayRef<bool>) {
  return extremumVjp(b, getLoc(), ComparisonPredicate::lt, getLhs(), getRhs(),
                     resultCotangents[0]);
}
SmallVector<Value> MinOp::buildJvp(OpBuilder &b, ValueRange operandTangents) {
  return {extremumJvp(b, getLoc(), ComparisonPredicate::lt, getLhs(), getRhs(),
                      operandTangents[0], operandTangents[1])};
}

namespace {
/// z = x^y: dz/dx = y x^(y - 1).
Value powBaseSlope(OpBuilder &b, PowOp op) {
  Location loc = op.getLoc();
  Value y = op.getRhs();
  Value lowered = sub(b, loc, y, splatLike(b, loc, y, 1.0));
  return mul(b, loc, y, PowOp::create(b, loc, op.getLhs(), lowered));
}
/// z = x^y: dz/dy = z log(x), with log(0) read as 0 (z is 0 there).
Value powExponentSlope(OpBuilder &b, PowOp op) {
  Location loc = op.getLoc();
  Value x = op.getLhs();
  Value zero = zerosLike(b, loc, x);
  Value isZero = compare(b, loc, ComparisonPredicate::eq, x, zero);
  Value logX = select(b, loc, isZero, zero, LogOp::create(b, loc, x));
  return mul(b, loc, op.getResult(), logX);
}
} // namespace

SmallVector<Value> PowOp::buildVjp(OpBuilder &b, ValueRange resultCotangents,
                                   ArrayRef<bool> operandNeedsGradient) {
  Location loc = getLoc();
  Value cotangent = resultCotangents[0];
  SmallVector<Value> cotangents(2);
  if (operandNeedsGradient[0])
    cotangents[0] = mul(b, loc, cotangent, powBaseSlope(b, *this));
  if (operandNeedsGradient[1])
    cotangents[1] = mul(b, loc, cotangent, powExponentSlope(b, *this));
  return cotangents;
}
SmallVector<Value> PowOp::buildJvp(OpBuilder &b, ValueRange operandTangents) {
  Location loc = getLoc();
  return {add(b, loc, mul(b, loc, operandTangents[0], powBaseSlope(b, *this)),
              mul(b, loc, operandTangents[1], powExponentSlope(b, *this)))};
}

//===----------------------------------------------------------------------===//
// select and convert
//===----------------------------------------------------------------------===//

SmallVector<Value> SelectOp::buildVjp(OpBuilder &b, ValueRange resultCotangents,
                                      ArrayRef<bool> operandNeedsGradient) {
  Location loc = getLoc();
  Value cotangent = resultCotangents[0];
  Value zeros = zerosLike(b, loc, cotangent);
  SmallVector<Value> cotangents(3);
  if (operandNeedsGradient[1])
    cotangents[1] = select(b, loc, getCondition(), cotangent, zeros);
  if (operandNeedsGradient[2])
    cotangents[2] = select(b, loc, getCondition(), zeros, cotangent);
  return cotangents;
}
SmallVector<Value> SelectOp::buildJvp(OpBuilder &b, ValueRange operandTangents) {
  if (!isFloatTensor(getResult()))
    return {Value()};
  return {select(b, getLoc(), getCondition(), operandTangents[1],
                 operandTangents[2])};
}

SmallVector<Value> ConvertOp::buildVjp(OpBuilder &b, ValueRange resultCotangents,
                                       ArrayRef<bool> operandNeedsGradient) {
  if (!operandNeedsGradient[0] || !isFloatTensor(getOperand()) ||
      !isFloatTensor(getResult()))
    return {Value()};
  return {ConvertOp::create(b, getLoc(), getOperand().getType(),
                            resultCotangents[0])};
}
SmallVector<Value> ConvertOp::buildJvp(OpBuilder &b, ValueRange operandTangents) {
  if (!isFloatTensor(getResult()))
    return {Value()};
  if (!isFloatTensor(getOperand()))
    return {zerosLike(b, getLoc(), getResult())};
  return {ConvertOp::create(b, getLoc(), getResult().getType(),
                            operandTangents[0])};
}

//===----------------------------------------------------------------------===//
// Shape and layout
//===----------------------------------------------------------------------===//

SmallVector<Value> BroadcastInDimOp::buildVjp(OpBuilder &b,
                                              ValueRange resultCotangents,
                                              ArrayRef<bool> operandNeedsGradient) {
  if (!operandNeedsGradient[0])
    return {Value()};
  // Sum over the new dimensions and over the size-1 dimensions that were
  // expanded, then restore the size-1 dimensions with a reshape.
  RankedTensorType operandType = getOperand().getType();
  RankedTensorType resultType = getResult().getType();
  ArrayRef<int64_t> dims = getBroadcastDimensions();
  SmallVector<int64_t> summed;
  for (int64_t d = 0; d < resultType.getRank(); ++d) {
    const auto *mapped = llvm::find(dims, d);
    if (mapped == dims.end()) {
      summed.push_back(d);
      continue;
    }
    int64_t operandDim = mapped - dims.begin();
    if (operandType.getDimSize(operandDim) != resultType.getDimSize(d))
      summed.push_back(d);
  }
  Value cotangent = resultCotangents[0];
  if (!summed.empty())
    cotangent = ReduceSumOp::create(b, getLoc(), cotangent, summed);
  return {reshape(b, getLoc(), cotangent, operandType)};
}
SmallVector<Value> BroadcastInDimOp::buildJvp(OpBuilder &b,
                                              ValueRange operandTangents) {
  return {BroadcastInDimOp::create(b, getLoc(), getResult().getType(),
                                   operandTangents[0],
                                   getBroadcastDimensions())};
}

SmallVector<Value> ReshapeOp::buildVjp(OpBuilder &b, ValueRange resultCotangents,
                                       ArrayRef<bool> operandNeedsGradient) {
  if (!operandNeedsGradient[0])
    return {Value()};
  return {reshape(b, getLoc(), resultCotangents[0], getOperand().getType())};
}
SmallVector<Value> ReshapeOp::buildJvp(OpBuilder &b, ValueRange operandTangents) {
  return {reshape(b, getLoc(), operandTangents[0], getResult().getType())};
}

SmallVector<Value> TransposeOp::buildVjp(OpBuilder &b,
                                         ValueRange resultCotangents,
                                         ArrayRef<bool> operandNeedsGradient) {
  if (!operandNeedsGradient[0])
    return {Value()};
  ArrayRef<int64_t> permutation = getPermutation();
  SmallVector<int64_t> inverse(permutation.size());
  for (auto [i, p] : llvm::enumerate(permutation))
    inverse[p] = i;
  return {transpose(b, getLoc(), resultCotangents[0], inverse)};
}
SmallVector<Value> TransposeOp::buildJvp(OpBuilder &b,
                                         ValueRange operandTangents) {
  return {transpose(b, getLoc(), operandTangents[0], getPermutation())};
}

SmallVector<Value> SliceOp::buildVjp(OpBuilder &b, ValueRange resultCotangents,
                                     ArrayRef<bool> operandNeedsGradient) {
  if (!operandNeedsGradient[0])
    return {Value()};
  // Scatter back: spread the elements `stride` apart, then pad with zeros to
  // the operand's extent (cropping the trailing gap where it overshoots).
  Location loc = getLoc();
  Value cotangent = resultCotangents[0];
  ArrayRef<int64_t> operandShape = getOperand().getType().getShape();
  for (auto [d, start, stride] :
       llvm::enumerate(getStart(), getStrides())) {
    cotangent = dilate(b, loc, cotangent, d, stride);
    int64_t spread = tensorTypeOf(cotangent).getDimSize(d);
    cotangent = padOrCrop(b, loc, cotangent, d, start,
                          operandShape[d] - start - spread);
  }
  return {cotangent};
}
SmallVector<Value> SliceOp::buildJvp(OpBuilder &b, ValueRange operandTangents) {
  return {SliceOp::create(b, getLoc(), operandTangents[0], getStart(),
                          getLimit(), getStrides())};
}

SmallVector<Value> ConcatOp::buildVjp(OpBuilder &b, ValueRange resultCotangents,
                                      ArrayRef<bool> operandNeedsGradient) {
  int64_t axis = getAxis();
  SmallVector<Value> cotangents;
  int64_t offset = 0;
  for (auto [input, needed] : llvm::zip(getInputs(), operandNeedsGradient)) {
    int64_t size = tensorTypeOf(input).getDimSize(axis);
    cotangents.push_back(needed ? sliceAxis(b, getLoc(), resultCotangents[0],
                                            axis, offset, offset + size)
                                : Value());
    offset += size;
  }
  return cotangents;
}
SmallVector<Value> ConcatOp::buildJvp(OpBuilder &b, ValueRange operandTangents) {
  if (!isFloatTensor(getResult()))
    return {Value()};
  return {ConcatOp::create(b, getLoc(), operandTangents, getAxis())};
}

//===----------------------------------------------------------------------===//
// Collectives
//===----------------------------------------------------------------------===//

// y = reduce over ranks of x is linear, and its transpose is itself: the
// cotangent of x on rank r is the same reduction of every rank's cotangent
// of y (for the mean, d/dx_r of (1/W) sum_s x_s is 1/W on every rank s). Every
// rank builds the same IR, so every rank runs the same adjoint collectives.
SmallVector<Value> AllReduceOp::buildVjp(OpBuilder &b,
                                         ValueRange resultCotangents,
                                         ArrayRef<bool> operandNeedsGradient) {
  SmallVector<Value> cotangents(getNumOperands());
  SmallVector<Value> needed;
  SmallVector<unsigned> positions;
  for (auto [index, cotangent] : llvm::enumerate(resultCotangents))
    if (operandNeedsGradient[index + 1]) {
      needed.push_back(cotangent);
      positions.push_back(index + 1);
    }
  if (needed.empty())
    return cotangents;
  auto adjoint = AllReduceOp::create(b, getLoc(), getKind(), getComm(), needed);
  for (auto [position, value] : llvm::zip(positions, adjoint.getResults()))
    cotangents[position] = value;
  return cotangents;
}
SmallVector<Value> AllReduceOp::buildJvp(OpBuilder &b,
                                         ValueRange operandTangents) {
  auto tangent = AllReduceOp::create(b, getLoc(), getKind(), getComm(),
                                     operandTangents.drop_front());
  return SmallVector<Value>(tangent.getResults());
}

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

SmallVector<Value> MatmulOp::buildVjp(OpBuilder &b, ValueRange resultCotangents,
                                      ArrayRef<bool> operandNeedsGradient) {
  // C = A B: dA = dC B^T, dB = A^T dC, batch dimensions carried along.
  Location loc = getLoc();
  Value cotangent = resultCotangents[0];
  SmallVector<Value> cotangents(2);
  if (operandNeedsGradient[0])
    cotangents[0] = MatmulOp::create(b, loc, cotangent,
                                     transposeMatrices(b, loc, getRhs()));
  if (operandNeedsGradient[1])
    cotangents[1] = MatmulOp::create(b, loc, transposeMatrices(b, loc, getLhs()),
                                     cotangent);
  return cotangents;
}
SmallVector<Value> MatmulOp::buildJvp(OpBuilder &b, ValueRange operandTangents) {
  Location loc = getLoc();
  return {add(b, loc, MatmulOp::create(b, loc, operandTangents[0], getRhs()),
              MatmulOp::create(b, loc, getLhs(), operandTangents[1]))};
}

/// The filter gradient of `result = conv2d(input, filter)` for the cotangent
/// `cotangent` of the result: dW[o, c, i, j] = sum_{n, y, x} dY[n, o, y, x]
/// X[n, c, y*s + i*d - p, x*s + j*d - p]. With batch and channels swapped in
/// both, that is itself a convolution of X with dY as the filter, where the
/// stride and the dilation trade places; padding X to exactly the extent the
/// windows reach keeps the result at the filter's size, so no product is
/// wasted on zeros.
static Value convFilterGradient(OpBuilder &b, Location loc, Value input,
                                Value cotangent, RankedTensorType filterType,
                                ArrayRef<int64_t> strides,
                                ArrayRef<int64_t> padding,
                                ArrayRef<int64_t> dilations) {
  const SmallVector<int64_t> swapLeading{1, 0, 2, 3}, noPadding{0, 0};
  Value swappedInput = transpose(b, loc, input, swapLeading);
  for (int64_t d = 0; d < 2; ++d) {
    int64_t axis = 2 + d;
    int64_t reach = (filterType.getDimSize(axis) - 1) * dilations[d] +
                    (tensorTypeOf(cotangent).getDimSize(axis) - 1) * strides[d] +
                    1;
    int64_t size = tensorTypeOf(swappedInput).getDimSize(axis);
    swappedInput = padOrCrop(b, loc, swappedInput, axis, padding[d],
                             reach - size - padding[d]);
  }
  Value correlation = Conv2DOp::create(
      b, loc, swappedInput, transpose(b, loc, cotangent, swapLeading),
      /*strides=*/dilations, noPadding, /*dilations=*/strides);
  return transpose(b, loc, correlation, swapLeading);
}

SmallVector<Value> Conv2DOp::buildVjp(OpBuilder &b, ValueRange resultCotangents,
                                      ArrayRef<bool> operandNeedsGradient) {
  Location loc = getLoc();
  Value cotangent = resultCotangents[0];
  SmallVector<Value> cotangents(2);
  if (operandNeedsGradient[0])
    cotangents[0] = Conv2DTransposeOp::create(
        b, loc, getInput().getType(), cotangent, getFilter(), getStrides(),
        getPadding(), getDilations());
  if (operandNeedsGradient[1])
    cotangents[1] = convFilterGradient(b, loc, getInput(), cotangent,
                                       getFilter().getType(), getStrides(),
                                       getPadding(), getDilations());
  return cotangents;
}
SmallVector<Value> Conv2DOp::buildJvp(OpBuilder &b, ValueRange operandTangents) {
  Location loc = getLoc();
  Value fromInput =
      Conv2DOp::create(b, loc, operandTangents[0], getFilter(), getStrides(),
                       getPadding(), getDilations());
  Value fromFilter =
      Conv2DOp::create(b, loc, getInput(), operandTangents[1], getStrides(),
                       getPadding(), getDilations());
  return {add(b, loc, fromInput, fromFilter)};
}

SmallVector<Value>
Conv2DTransposeOp::buildVjp(OpBuilder &b, ValueRange resultCotangents,
                            ArrayRef<bool> operandNeedsGradient) {
  // The transpose of a linear map's transpose is the map: conv2d of the
  // cotangent; the filter gradient is conv2d's with input and cotangent in
  // each other's places.
  Location loc = getLoc();
  Value cotangent = resultCotangents[0];
  SmallVector<Value> cotangents(2);
  if (operandNeedsGradient[0])
    cotangents[0] = Conv2DOp::create(b, loc, cotangent, getFilter(),
                                     getStrides(), getPadding(), getDilations());
  if (operandNeedsGradient[1])
    cotangents[1] = convFilterGradient(b, loc, cotangent, getInput(),
                                       getFilter().getType(), getStrides(),
                                       getPadding(), getDilations());
  return cotangents;
}
SmallVector<Value> Conv2DTransposeOp::buildJvp(OpBuilder &b,
                                               ValueRange operandTangents) {
  Location loc = getLoc();
  Type resultType = getResult().getType();
  Value fromInput = Conv2DTransposeOp::create(
      b, loc, resultType, operandTangents[0], getFilter(), getStrides(),
      getPadding(), getDilations());
  Value fromFilter = Conv2DTransposeOp::create(
      b, loc, resultType, getInput(), operandTangents[1], getStrides(),
      getPadding(), getDilations());
  return {add(b, loc, fromInput, fromFilter)};
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

SmallVector<Value> ReduceSumOp::buildVjp(OpBuilder &b,
                                         ValueRange resultCotangents,
                                         ArrayRef<bool> operandNeedsGradient) {
  if (!operandNeedsGradient[0])
    return {Value()};
  return {expandReduced(b, getLoc(), resultCotangents[0], getOperand(),
                        getAxes())};
}
SmallVector<Value> ReduceSumOp::buildJvp(OpBuilder &b,
                                         ValueRange operandTangents) {
  return {ReduceSumOp::create(b, getLoc(), operandTangents[0], getAxes())};
}

namespace {
/// How many elements each result element of a reduction over `axes` averages.
int64_t reducedCount(RankedTensorType operandType, ArrayRef<int64_t> axes) {
  int64_t count = 1;
  for (int64_t axis : axes)
    count *= operandType.getDimSize(axis);
  return count;
}
} // namespace

SmallVector<Value> ReduceMeanOp::buildVjp(OpBuilder &b,
                                          ValueRange resultCotangents,
                                          ArrayRef<bool> operandNeedsGradient) {
  if (!operandNeedsGradient[0])
    return {Value()};
  Location loc = getLoc();
  double inverse = 1.0 / reducedCount(getOperand().getType(), getAxes());
  Value spread = expandReduced(b, loc, resultCotangents[0], getOperand(), getAxes());
  return {scale(b, loc, spread, inverse)};
}
SmallVector<Value> ReduceMeanOp::buildJvp(OpBuilder &b,
                                          ValueRange operandTangents) {
  return {ReduceMeanOp::create(b, getLoc(), operandTangents[0], getAxes())};
}

namespace {
/// For reduce_max: 1 where the operand equals its slice's maximum, else 0,
/// and the number of such positions per slice.
std::pair<Value, Value> maximumMask(OpBuilder &b, ReduceMaxOp op) {
  Location loc = op.getLoc();
  Value operand = op.getOperand();
  Value maximum = expandReduced(b, loc, op.getResult(), operand, op.getAxes());
  Value isMaximum = compare(b, loc, ComparisonPredicate::eq, operand, maximum);
  Value mask = ConvertOp::create(b, loc, operand.getType(), isMaximum);
  Value count = ReduceSumOp::create(b, loc, mask, op.getAxes());
  return {mask, count};
}
} // namespace

SmallVector<Value> ReduceMaxOp::buildVjp(OpBuilder &b,
                                         ValueRange resultCotangents,
                                         ArrayRef<bool> operandNeedsGradient) {
  if (!operandNeedsGradient[0])
    return {Value()};
  Location loc = getLoc();
  auto [mask, count] = maximumMask(b, *this);
  Value share = div(b, loc, resultCotangents[0], count);
  return {mul(b, loc, mask, expandReduced(b, loc, share, getOperand(), getAxes()))};
}
SmallVector<Value> ReduceMaxOp::buildJvp(OpBuilder &b,
                                         ValueRange operandTangents) {
  Location loc = getLoc();
  auto [mask, count] = maximumMask(b, *this);
  Value total = ReduceSumOp::create(b, loc, mul(b, loc, mask, operandTangents[0]),
                                    getAxes());
  return {div(b, loc, total, count)};
}
