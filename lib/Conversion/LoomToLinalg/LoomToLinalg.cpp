//===- LoomToLinalg.cpp - The convert-loom-to-linalg pass -----------------===//
//
// Drives the per-family patterns (ElementwisePatterns.cpp, ShapePatterns.cpp,
// ContractionPatterns.cpp, SourcePatterns.cpp) as a partial dialect conversion
// with the loom dialect illegal, so any op left behind is reported by name.
//
//===----------------------------------------------------------------------===//
#include "loom/Conversion/Passes.h"

#include "LoweringHelpers.h"
#include "loom/Dialect/Loom/IR/LoomDialect.h"
#include "loom/Dialect/Loom/IR/LoomOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/AffineMap.h"
#include "mlir/Transforms/DialectConversion.h"

namespace loom {
#define GEN_PASS_DEF_CONVERTLOOMTOLINALG
#include "loom/Conversion/Passes.h.inc"
} // namespace loom

using namespace mlir;

namespace loom::detail {
Value createEmptyTensor(OpBuilder &builder, Location loc,
                        RankedTensorType type) {
  return tensor::EmptyOp::create(builder, loc, type.getShape(),
                                 type.getElementType());
}

Value createFilledTensor(OpBuilder &builder, Location loc,
                         RankedTensorType type, Value value) {
  Value empty = createEmptyTensor(builder, loc, type);
  return linalg::FillOp::create(builder, loc, ValueRange{value},
                                ValueRange{empty})
      .getResult(0);
}

Value createFloatConstant(OpBuilder &builder, Location loc, Type type,
                          double value) {
  return arith::ConstantOp::create(builder, loc,
                                   builder.getFloatAttr(type, value));
}

Value createElementwiseGeneric(OpBuilder &builder, Location loc,
                               RankedTensorType resultType, ValueRange inputs,
                               ScalarBodyBuilder bodyBuilder) {
  int64_t rank = resultType.getRank();
  SmallVector<AffineMap> maps(inputs.size() + 1,
                              builder.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  Value init = createEmptyTensor(builder, loc, resultType);
  auto generic = linalg::GenericOp::create(
      builder, loc, TypeRange{resultType}, inputs, ValueRange{init}, maps,
      iterators, [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        Value result = bodyBuilder(nested, nestedLoc, args.drop_back());
        linalg::YieldOp::create(nested, nestedLoc, result);
      });
  return generic.getResult(0);
}
} // namespace loom::detail

void loom::populateLoomToLinalgPatterns(RewritePatternSet &patterns) {
  populateLoomElementwiseToLinalgPatterns(patterns);
  populateLoomShapeToLinalgPatterns(patterns);
  populateLoomContractionToLinalgPatterns(patterns);
  populateLoomSourceToLinalgPatterns(patterns);
  populateLoomCheckToLinalgPatterns(patterns);
  populateLoomCollectiveToLinalgPatterns(patterns);
}

namespace {
/// Every lowering builds static shapes (tensor.empty without sizes, static
/// slices and reassociations), so a dynamic dimension is rejected up front
/// with a message rather than producing invalid IR.
LogicalResult verifyStaticShapes(Operation *op) {
  for (Type type :
       llvm::concat<Type>(op->getOperandTypes(), op->getResultTypes())) {
    auto tensorType = dyn_cast<RankedTensorType>(type);
    if (tensorType && !tensorType.hasStaticShape())
      return op->emitOpError("needs static shapes to lower to linalg, got ")
             << tensorType;
  }
  return success();
}

struct ConvertLoomToLinalgPass
    : loom::impl::ConvertLoomToLinalgBase<ConvertLoomToLinalgPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    bool allStatic = true;
    module.walk([&](Operation *op) {
      if (isa_and_nonnull<loom::LoomDialect>(op->getDialect()) &&
          failed(verifyStaticShapes(op)))
        allStatic = false;
    });
    if (!allStatic)
      return signalPassFailure();
    bool hasChecks = false;
    module.walk([&](loom::CheckFiniteOp) { hasChecks = true; });
    if (hasChecks && failed(loom::declareFiniteCheckers(module)))
      return signalPassFailure();
    bool hasCollectives = false;
    module.walk([&](loom::AllReduceOp) { hasCollectives = true; });
    if (hasCollectives && failed(loom::declareCollectiveFunctions(module)))
      return signalPassFailure();

    MLIRContext *context = &getContext();
    ConversionTarget target(*context);
    target.addIllegalDialect<loom::LoomDialect>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });

    RewritePatternSet patterns(context);
    loom::populateLoomToLinalgPatterns(patterns);
    if (failed(applyPartialConversion(module, target, std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
