//===- ElementwisePatterns.cpp - loom elementwise ops -> linalg.generic ---===//
//
// Every elementwise loom op becomes one linalg.generic with identity maps and
// parallel iterators; only the scalar body differs, so one pattern class
// serves the whole family and each op contributes a body builder.
//
//===----------------------------------------------------------------------===//
#include "LoweringHelpers.h"
#include "loom/Conversion/LoomToLinalg/LoomToLinalg.h"
#include "loom/Dialect/Loom/IR/LoomOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Transforms/DialectConversion.h"
#include "llvm/Support/ErrorHandling.h"

#include <numbers>

using namespace mlir;
using namespace loom;
using loom::detail::createElementwiseGeneric;
using loom::detail::createFloatConstant;

namespace {
/// Lowers an elementwise `OpTy` to linalg.generic; `scalarBody` computes one
/// result element from the op and its operands' scalars.
template <typename OpTy>
struct ElementwiseToGeneric : OpConversionPattern<OpTy> {
  using ScalarBody = Value (*)(OpBuilder &, Location, OpTy, ValueRange);

  ElementwiseToGeneric(MLIRContext *context, ScalarBody scalarBody)
      : OpConversionPattern<OpTy>(context), scalarBody(scalarBody) {}

  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getResult().getType());
    Value result = createElementwiseGeneric(
        rewriter, op.getLoc(), resultType, adaptor.getOperands(),
        [&](OpBuilder &builder, Location loc, ValueRange scalars) {
          return scalarBody(builder, loc, op, scalars);
        });
    rewriter.replaceOp(op, result);
    return success();
  }

  ScalarBody scalarBody;
};

template <typename OpTy>
void addElementwise(RewritePatternSet &patterns,
                    typename ElementwiseToGeneric<OpTy>::ScalarBody body) {
  patterns.add<ElementwiseToGeneric<OpTy>>(patterns.getContext(), body);
}

/// Float operands compare ordered (false on NaN), except `ne`, which is the
/// exact negation of `eq` as in C++ and PyTorch.
arith::CmpFPredicate floatPredicate(ComparisonPredicate predicate) {
  switch (predicate) {
  case ComparisonPredicate::eq:
    return arith::CmpFPredicate::OEQ;
  case ComparisonPredicate::ne:
    return arith::CmpFPredicate::UNE;
  case ComparisonPredicate::lt:
    return arith::CmpFPredicate::OLT;
  case ComparisonPredicate::le:
    return arith::CmpFPredicate::OLE;
  case ComparisonPredicate::gt:
    return arith::CmpFPredicate::OGT;
  case ComparisonPredicate::ge:
    return arith::CmpFPredicate::OGE;
  }
  llvm_unreachable("the enum attribute admits no other predicate");
}

/// Integers compare signed; i1 compares unsigned so that false < true.
arith::CmpIPredicate intPredicate(ComparisonPredicate predicate, bool isBool) {
  switch (predicate) {
  case ComparisonPredicate::eq:
    return arith::CmpIPredicate::eq;
  case ComparisonPredicate::ne:
    return arith::CmpIPredicate::ne;
  case ComparisonPredicate::lt:
    return isBool ? arith::CmpIPredicate::ult : arith::CmpIPredicate::slt;
  case ComparisonPredicate::le:
    return isBool ? arith::CmpIPredicate::ule : arith::CmpIPredicate::sle;
  case ComparisonPredicate::gt:
    return isBool ? arith::CmpIPredicate::ugt : arith::CmpIPredicate::sgt;
  case ComparisonPredicate::ge:
    return isBool ? arith::CmpIPredicate::uge : arith::CmpIPredicate::sge;
  }
  llvm_unreachable("the enum attribute admits no other predicate");
}

Value createComparison(OpBuilder &builder, Location loc,
                       ComparisonPredicate predicate, Value lhs, Value rhs) {
  Type type = lhs.getType();
  if (isa<FloatType>(type))
    return arith::CmpFOp::create(builder, loc, floatPredicate(predicate), lhs,
                                 rhs);
  return arith::CmpIOp::create(
      builder, loc, intPredicate(predicate, type.isInteger(1)), lhs, rhs);
}

/// Follows loom.convert's contract: floats round to nearest, integers convert
/// their signed value (i1 gives 0 or 1), floats truncate toward zero, and
/// anything converts to i1 as `value != 0`.
Value createConversion(OpBuilder &builder, Location loc, Value value,
                       Type target) {
  Type source = value.getType();
  if (source == target)
    return value;
  if (target.isInteger(1)) {
    if (isa<FloatType>(source)) {
      Value zero = createFloatConstant(builder, loc, source, 0.0);
      return arith::CmpFOp::create(builder, loc, arith::CmpFPredicate::UNE,
                                   value, zero);
    }
    Value zero = arith::ConstantOp::create(builder, loc,
                                           builder.getIntegerAttr(source, 0));
    return arith::CmpIOp::create(builder, loc, arith::CmpIPredicate::ne, value,
                                 zero);
  }
  auto sourceFloat = dyn_cast<FloatType>(source);
  auto targetFloat = dyn_cast<FloatType>(target);
  if (sourceFloat && targetFloat) {
    if (sourceFloat.getWidth() < targetFloat.getWidth())
      return arith::ExtFOp::create(builder, loc, target, value);
    return arith::TruncFOp::create(builder, loc, target, value);
  }
  if (targetFloat) {
    if (source.isInteger(1))
      return arith::UIToFPOp::create(builder, loc, target, value);
    return arith::SIToFPOp::create(builder, loc, target, value);
  }
  if (sourceFloat)
    return arith::FPToSIOp::create(builder, loc, target, value);
  unsigned sourceWidth = source.getIntOrFloatBitWidth();
  unsigned targetWidth = target.getIntOrFloatBitWidth();
  if (source.isInteger(1))
    return arith::ExtUIOp::create(builder, loc, target, value);
  if (sourceWidth < targetWidth)
    return arith::ExtSIOp::create(builder, loc, target, value);
  return arith::TruncIOp::create(builder, loc, target, value);
}

/// 0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 * x^3))).
Value createGelu(OpBuilder &builder, Location loc, Value x) {
  Type type = x.getType();
  Value square = arith::MulFOp::create(builder, loc, x, x);
  Value cube = arith::MulFOp::create(builder, loc, square, x);
  Value inner = arith::AddFOp::create(
      builder, loc, x,
      arith::MulFOp::create(builder, loc,
                            createFloatConstant(builder, loc, type, 0.044715),
                            cube));
  Value scaled = arith::MulFOp::create(
      builder, loc,
      createFloatConstant(builder, loc, type,
                          std::sqrt(2.0 / std::numbers::pi)),
      inner);
  Value tanh = math::TanhOp::create(builder, loc, scaled);
  Value onePlusTanh = arith::AddFOp::create(
      builder, loc, createFloatConstant(builder, loc, type, 1.0), tanh);
  Value halfX = arith::MulFOp::create(
      builder, loc, createFloatConstant(builder, loc, type, 0.5), x);
  return arith::MulFOp::create(builder, loc, halfX, onePlusTanh);
}

/// 1 / (1 + exp(-x)).
Value createSigmoid(OpBuilder &builder, Location loc, Value x) {
  Value one = createFloatConstant(builder, loc, x.getType(), 1.0);
  Value expNeg =
      math::ExpOp::create(builder, loc, arith::NegFOp::create(builder, loc, x));
  return arith::DivFOp::create(
      builder, loc, one, arith::AddFOp::create(builder, loc, one, expNeg));
}

/// x > 0 ? x : alpha * x.
Value createLeakyRelu(OpBuilder &builder, Location loc, Value x, double alpha) {
  Type type = x.getType();
  Value zero = createFloatConstant(builder, loc, type, 0.0);
  Value positive =
      arith::CmpFOp::create(builder, loc, arith::CmpFPredicate::OGT, x, zero);
  Value scaled = arith::MulFOp::create(
      builder, loc, createFloatConstant(builder, loc, type, alpha), x);
  return arith::SelectOp::create(builder, loc, positive, x, scaled);
}

/// Unary math ops with a direct math/arith counterpart.
template <typename LoomOp, typename ScalarOp>
void addDirectUnary(RewritePatternSet &patterns) {
  addElementwise<LoomOp>(patterns,
                         [](OpBuilder &b, Location loc, LoomOp, ValueRange x) {
                           return ScalarOp::create(b, loc, x[0]).getResult();
                         });
}

template <typename LoomOp, typename ScalarOp>
void addDirectBinary(RewritePatternSet &patterns) {
  addElementwise<LoomOp>(
      patterns, [](OpBuilder &b, Location loc, LoomOp, ValueRange x) {
        return ScalarOp::create(b, loc, x[0], x[1]).getResult();
      });
}
} // namespace

void loom::populateLoomElementwiseToLinalgPatterns(
    RewritePatternSet &patterns) {
  addDirectBinary<AddOp, arith::AddFOp>(patterns);
  addDirectBinary<SubOp, arith::SubFOp>(patterns);
  addDirectBinary<MulOp, arith::MulFOp>(patterns);
  addDirectBinary<DivOp, arith::DivFOp>(patterns);
  addDirectBinary<MaxOp, arith::MaximumFOp>(patterns);
  addDirectBinary<MinOp, arith::MinimumFOp>(patterns);
  addDirectBinary<PowOp, math::PowFOp>(patterns);

  addDirectUnary<NegOp, arith::NegFOp>(patterns);
  addDirectUnary<ExpOp, math::ExpOp>(patterns);
  addDirectUnary<LogOp, math::LogOp>(patterns);
  addDirectUnary<TanhOp, math::TanhOp>(patterns);
  addDirectUnary<SqrtOp, math::SqrtOp>(patterns);
  addDirectUnary<RsqrtOp, math::RsqrtOp>(patterns);
  addDirectUnary<AbsOp, math::AbsFOp>(patterns);

  addElementwise<SquareOp>(
      patterns,
      [](OpBuilder &b, Location loc, SquareOp, ValueRange x) -> Value {
        return arith::MulFOp::create(b, loc, x[0], x[0]);
      });
  addElementwise<SigmoidOp>(
      patterns, [](OpBuilder &b, Location loc, SigmoidOp, ValueRange x) {
        return createSigmoid(b, loc, x[0]);
      });
  addElementwise<ReluOp>(
      patterns, [](OpBuilder &b, Location loc, ReluOp, ValueRange x) -> Value {
        Value zero = createFloatConstant(b, loc, x[0].getType(), 0.0);
        return arith::MaximumFOp::create(b, loc, x[0], zero);
      });
  addElementwise<GeluOp>(patterns,
                         [](OpBuilder &b, Location loc, GeluOp, ValueRange x) {
                           return createGelu(b, loc, x[0]);
                         });
  addElementwise<LeakyReluOp>(
      patterns, [](OpBuilder &b, Location loc, LeakyReluOp op, ValueRange x) {
        return createLeakyRelu(b, loc, x[0], op.getAlpha().convertToDouble());
      });
  addElementwise<CompareOp>(
      patterns, [](OpBuilder &b, Location loc, CompareOp op, ValueRange x) {
        return createComparison(b, loc, op.getPredicate(), x[0], x[1]);
      });
  addElementwise<SelectOp>(
      patterns,
      [](OpBuilder &b, Location loc, SelectOp, ValueRange x) -> Value {
        return arith::SelectOp::create(b, loc, x[0], x[1], x[2]);
      });
  addElementwise<ConvertOp>(
      patterns, [](OpBuilder &b, Location loc, ConvertOp op, ValueRange x) {
        return createConversion(b, loc, x[0],
                                op.getResult().getType().getElementType());
      });
}
