//===- CheckPatterns.cpp - check_finite -> reduction + runtime call -------===//
//
// A check becomes a linalg.generic that reduces the checked tensor to the
// smallest key of loom/Support/NonFiniteReport.h (the first non-finite
// element and its kind), then a call that hands the key to the runtime. The
// call runs on every execution; the runtime ignores kAllFiniteKey.
//
//===----------------------------------------------------------------------===//
#include "LoweringHelpers.h"
#include "loom/Conversion/LoomToLinalg/LoomToLinalg.h"
#include "loom/Dialect/Loom/IR/LoomOps.h"
#include "loom/Support/NonFiniteReport.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace loom;

namespace {

Value i64Constant(OpBuilder &builder, Location loc, int64_t value) {
  return arith::ConstantOp::create(builder, loc,
                                   builder.getI64IntegerAttr(value));
}

/// The key of one element (`value` at the current iteration of a generic
/// over `shape`): its row-major index and kind if it is NaN or infinite,
/// kAllFiniteKey otherwise.
Value elementKey(OpBuilder &builder, Location loc, ArrayRef<int64_t> shape,
                 Value value) {
  Value linear = shape.empty()
                     ? arith::ConstantIndexOp::create(builder, loc, 0).getResult()
                     : linalg::IndexOp::create(builder, loc, 0).getResult();
  for (size_t dim = 1; dim < shape.size(); ++dim) {
    Value scaled = arith::MulIOp::create(
        builder, loc, linear,
        arith::ConstantIndexOp::create(builder, loc, shape[dim]));
    linear = arith::AddIOp::create(builder, loc, scaled,
                                   linalg::IndexOp::create(builder, loc, dim));
  }
  Value index =
      arith::IndexCastOp::create(builder, loc, builder.getI64Type(), linear);

  Type floatType = value.getType();
  Value zero = loom::detail::createFloatConstant(builder, loc, floatType, 0.0);
  Value infinity = arith::ConstantOp::create(
      builder, loc,
      builder.getFloatAttr(floatType,
                           APFloat::getInf(
                               cast<FloatType>(floatType).getFloatSemantics())));
  Value magnitude = math::AbsFOp::create(builder, loc, value);
  // Unordered-or-greater-equal: true for NaN and for +-Inf only.
  Value nonFinite = arith::CmpFOp::create(builder, loc, arith::CmpFPredicate::UGE,
                                          magnitude, infinity);
  Value isNaN = arith::CmpFOp::create(builder, loc, arith::CmpFPredicate::UNO,
                                      value, value);
  Value isPositive = arith::CmpFOp::create(
      builder, loc, arith::CmpFPredicate::OGT, value, zero);
  auto kindValue = [&](NonFiniteKind kind) {
    return i64Constant(builder, loc, static_cast<int64_t>(kind));
  };
  Value infKind = arith::SelectOp::create(builder, loc, isPositive,
                                          kindValue(NonFiniteKind::PositiveInf),
                                          kindValue(NonFiniteKind::NegativeInf));
  Value kind = arith::SelectOp::create(builder, loc, isNaN,
                                       kindValue(NonFiniteKind::NaN), infKind);
  Value key = arith::AddIOp::create(
      builder, loc,
      arith::MulIOp::create(builder, loc, index,
                            i64Constant(builder, loc, kNonFiniteKindCount)),
      kind);
  return arith::SelectOp::create(builder, loc, nonFinite, key,
                                 i64Constant(builder, loc, kAllFiniteKey));
}

struct CheckFiniteToReduction : OpConversionPattern<CheckFiniteOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(CheckFiniteOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto module = op->getParentOfType<ModuleOp>();
    auto reporter = module.lookupSymbol<func::FuncOp>(kReportNonFiniteFunction);
    if (!reporter)
      return rewriter.notifyMatchFailure(op, "the reporter is not declared");

    Location loc = op.getLoc();
    Value operand = adaptor.getOperand();
    auto type = cast<RankedTensorType>(operand.getType());
    int64_t rank = type.getRank();
    auto keyType = RankedTensorType::get({}, rewriter.getI64Type());
    Value init = loom::detail::createFilledTensor(
        rewriter, loc, keyType, i64Constant(rewriter, loc, kAllFiniteKey));
    SmallVector<AffineMap> maps{
        rewriter.getMultiDimIdentityMap(rank),
        AffineMap::get(rank, /*symbolCount=*/0, rewriter.getContext())};
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::reduction);
    auto reduction = linalg::GenericOp::create(
        rewriter, loc, TypeRange{keyType}, ValueRange{operand},
        ValueRange{init}, maps, iterators,
        [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
          Value key = elementKey(nested, nestedLoc, type.getShape(), args[0]);
          Value smallest = arith::MinSIOp::create(nested, nestedLoc, args[1], key);
          linalg::YieldOp::create(nested, nestedLoc, smallest);
        });
    Value key = tensor::ExtractOp::create(rewriter, loc, reduction.getResult(0),
                                          ValueRange{});
    func::CallOp::create(rewriter, loc, reporter,
                         ValueRange{i64Constant(rewriter, loc, op.getIdAttr().getInt()), key});
    rewriter.eraseOp(op);
    return success();
  }
};

} // namespace

LogicalResult loom::declareNonFiniteReporter(ModuleOp module) {
  OpBuilder builder = OpBuilder::atBlockBegin(module.getBody());
  auto i64 = builder.getI64Type();
  FunctionType type = builder.getFunctionType({i64, i64}, {});
  if (Operation *existing = module.lookupSymbol(kReportNonFiniteFunction)) {
    auto function = dyn_cast<func::FuncOp>(existing);
    if (function && function.isExternal() && function.getFunctionType() == type)
      return success();
    return existing->emitError("the symbol '")
           << kReportNonFiniteFunction
           << "' is reserved for the runtime's NaN/Inf checks";
  }
  auto reporter = func::FuncOp::create(builder, module.getLoc(),
                                       kReportNonFiniteFunction, type);
  reporter.setPrivate();
  return success();
}

void loom::populateLoomCheckToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<CheckFiniteToReduction>(patterns.getContext());
}
