//===- SourcePatterns.cpp - constant, iota, random -> arith / linalg ------===//
#include "LoweringHelpers.h"
#include "loom/Conversion/LoomToLinalg/LoomToLinalg.h"
#include "loom/Dialect/Loom/IR/LoomOps.h"
#include "loom/Support/CounterRNG.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace loom;
using loom::detail::createElementwiseGeneric;
using loom::detail::createFloatConstant;

namespace {
/// constant -> arith.constant with the same elements attribute.
struct ConstantToArith : OpConversionPattern<ConstantOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ConstantOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(
        op, cast<TypedAttr>(op.getValue()));
    return success();
  }
};

/// iota -> linalg.generic yielding linalg.index of the dimension, cast to the
/// element type.
struct IotaToGeneric : OpConversionPattern<IotaOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(IotaOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    RankedTensorType resultType = op.getResult().getType();
    uint64_t dimension = op.getDimension();
    Value iota = createElementwiseGeneric(
        rewriter, op.getLoc(), resultType, ValueRange{},
        [&](OpBuilder &builder, Location loc, ValueRange) -> Value {
          Type elementType = resultType.getElementType();
          Value index = linalg::IndexOp::create(builder, loc, dimension);
          if (isa<IntegerType>(elementType))
            return arith::IndexCastOp::create(builder, loc, elementType, index);
          Value asInt = arith::IndexCastOp::create(builder, loc,
                                                   builder.getI64Type(), index);
          return arith::SIToFPOp::create(builder, loc, elementType, asInt);
        });
    rewriter.replaceOp(op, iota);
    return success();
  }
};

/// Emits CounterRNG.h's arithmetic on i64 values (wraparound is the point).
class RngEmitter {
public:
  RngEmitter(OpBuilder &builder, Location loc) : builder(builder), loc(loc) {}

  Value constant(uint64_t value) {
    return arith::ConstantOp::create(
        builder, loc, builder.getI64IntegerAttr(static_cast<int64_t>(value)));
  }
  Value shiftRight(Value value, unsigned amount) {
    return arith::ShRUIOp::create(builder, loc, value, constant(amount));
  }
  Value xorShiftRight(Value value, unsigned amount) {
    return arith::XOrIOp::create(builder, loc, value,
                                 shiftRight(value, amount));
  }
  Value mul(Value lhs, Value rhs) {
    return arith::MulIOp::create(builder, loc, lhs, rhs);
  }
  Value add(Value lhs, Value rhs) {
    return arith::AddIOp::create(builder, loc, lhs, rhs);
  }

  /// rng::mix64.
  Value mix64(Value z) {
    z = xorShiftRight(z, 30);
    z = mul(z, constant(rng::kMixMultiplier1));
    z = xorShiftRight(z, 27);
    z = mul(z, constant(rng::kMixMultiplier2));
    return xorShiftRight(z, 31);
  }

  /// rng::key, with the stream folded at compile time.
  Value key(Value seed, uint64_t stream) {
    return mix64(arith::XOrIOp::create(builder, loc, seed,
                                       constant(stream * rng::kGoldenGamma)));
  }

  /// rng::bits from a precomputed key.
  Value bits(Value key, Value index) {
    return mix64(add(key, mul(index, constant(rng::kGoldenGamma))));
  }

  /// A value below 2^24 as a float in [0, 1) (or (0, 1] after the +1 of
  /// Box-Muller's u1): exact in f32 and f64. Converting through i32 keeps the
  /// conversion a plain signed one on every target.
  Value unitFloat(Value value24, Type floatType) {
    Value narrow =
        arith::TruncIOp::create(builder, loc, builder.getI32Type(), value24);
    Value asFloat = arith::SIToFPOp::create(builder, loc, floatType, narrow);
    return arith::MulFOp::create(
        builder, loc, asFloat,
        createFloatConstant(builder, loc, floatType, rng::kInv2Pow24));
  }

private:
  OpBuilder &builder;
  Location loc;
};

/// The row-major linear index of the current linalg.generic iteration over
/// `shape`, as i64.
Value linearIndex(OpBuilder &builder, Location loc, ArrayRef<int64_t> shape) {
  RngEmitter emit(builder, loc);
  if (shape.empty())
    return emit.constant(0);
  Value linear;
  for (auto [dim, size] : llvm::enumerate(shape)) {
    Value index = arith::IndexCastUIOp::create(
        builder, loc, builder.getI64Type(),
        linalg::IndexOp::create(builder, loc, dim));
    linear =
        linear ? emit.add(emit.mul(linear, emit.constant(size)), index) : index;
  }
  return linear;
}

/// random_uniform / random_normal -> linalg.generic over the result computing
/// CounterRNG.h's numbers from linalg.index. The per-op key is computed once,
/// outside the loop nest.
template <typename OpTy> struct RandomToGeneric : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;

  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType resultType = op.getResult().getType();
    Value seed = tensor::ExtractOp::create(rewriter, loc, adaptor.getSeed(),
                                           ValueRange{});
    Value key = RngEmitter(rewriter, loc).key(seed, op.getStream());
    Value random = createElementwiseGeneric(
        rewriter, loc, resultType, ValueRange{},
        [&](OpBuilder &builder, Location bodyLoc, ValueRange) {
          RngEmitter emit(builder, bodyLoc);
          Value bits = emit.bits(
              key, linearIndex(builder, bodyLoc, resultType.getShape()));
          return sample(builder, bodyLoc, emit, bits,
                        resultType.getElementType());
        });
    rewriter.replaceOp(op, random);
    return success();
  }

  static Value sample(OpBuilder &builder, Location loc, RngEmitter &emit,
                      Value bits, Type floatType);
};

/// uniform = (bits >> 40) * 2^-24.
template <>
Value RandomToGeneric<RandomUniformOp>::sample(OpBuilder &, Location,
                                               RngEmitter &emit, Value bits,
                                               Type floatType) {
  return emit.unitFloat(emit.shiftRight(bits, 40), floatType);
}

/// Box-Muller: sqrt(-2 ln u1) * cos(2 pi u2) with u1 from the top 24 bits
/// (+1, so never 0) and u2 from the next 24.
template <>
Value RandomToGeneric<RandomNormalOp>::sample(OpBuilder &builder, Location loc,
                                              RngEmitter &emit, Value bits,
                                              Type floatType) {
  Value top = emit.shiftRight(bits, 40);
  Value u1 = emit.unitFloat(emit.add(top, emit.constant(1)), floatType);
  Value middle = emit.shiftRight(bits, 16);
  Value u2 = emit.unitFloat(
      arith::AndIOp::create(builder, loc, middle, emit.constant(0xFFFFFF)),
      floatType);
  Value logU1 = math::LogOp::create(builder, loc, u1);
  Value radius = math::SqrtOp::create(
      builder, loc,
      arith::MulFOp::create(builder, loc,
                            createFloatConstant(builder, loc, floatType, -2.0),
                            logU1));
  Value angle = arith::MulFOp::create(
      builder, loc, createFloatConstant(builder, loc, floatType, rng::kTwoPi),
      u2);
  return arith::MulFOp::create(builder, loc, radius,
                               math::CosOp::create(builder, loc, angle));
}
} // namespace

void loom::populateLoomSourceToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<ConstantToArith, IotaToGeneric, RandomToGeneric<RandomUniformOp>,
               RandomToGeneric<RandomNormalOp>>(patterns.getContext());
}
