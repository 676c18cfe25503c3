//===- CheckPatterns.cpp - check_finite -> a call into the runtime --------===//
//
// A check becomes a call that hands the checked tensor's buffer, read only,
// to the runtime (loom/Support/NonFiniteReport.h), which scans it. Scanning
// in the runtime rather than in generated code keeps a checked compile as
// fast as a plain one: each check adds a call, not a loop nest.
//
//===----------------------------------------------------------------------===//
#include "loom/Conversion/LoomToLinalg/LoomToLinalg.h"
#include "loom/Dialect/Loom/IR/LoomOps.h"
#include "loom/Support/NonFiniteReport.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace loom;

namespace {

StringRef checkerName(Type elementType) {
  return elementType.isF32() ? kCheckFiniteF32Function : kCheckFiniteF64Function;
}

FunctionType checkerType(Type elementType) {
  MLIRContext *context = elementType.getContext();
  return FunctionType::get(
      context,
      {IntegerType::get(context, 64),
       UnrankedMemRefType::get(elementType, /*memorySpace=*/nullptr)},
      {});
}

struct CheckFiniteToCall : OpConversionPattern<CheckFiniteOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(CheckFiniteOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(adaptor.getOperand().getType());
    Type elementType = type.getElementType();
    // Any layout: the runtime reads the strides.
    Value buffer = bufferization::ToBufferOp::create(
        rewriter, loc, bufferization::getMemRefTypeWithFullyDynamicLayout(type),
        adaptor.getOperand(), /*read_only=*/true);
    Value unranked = memref::CastOp::create(
        rewriter, loc, UnrankedMemRefType::get(elementType, nullptr), buffer);
    Value id = arith::ConstantOp::create(
        rewriter, loc, rewriter.getI64IntegerAttr(op.getIdAttr().getInt()));
    func::CallOp::create(rewriter, loc, checkerName(elementType), TypeRange{},
                         ValueRange{id, unranked});
    rewriter.eraseOp(op);
    return success();
  }
};

} // namespace

LogicalResult loom::declareRuntimeFunctions(
    ModuleOp module, function_ref<StringRef(Type)> nameOf,
    function_ref<FunctionType(Type)> typeOf, StringRef purpose) {
  for (Type elementType : {Type(Float32Type::get(module.getContext())),
                           Type(Float64Type::get(module.getContext()))}) {
    StringRef name = nameOf(elementType);
    FunctionType type = typeOf(elementType);
    if (Operation *existing = module.lookupSymbol(name)) {
      auto function = dyn_cast<func::FuncOp>(existing);
      if (function && function.isExternal() && function.getFunctionType() == type)
        continue;
      return existing->emitError("the symbol '")
             << name << "' is reserved for " << purpose;
    }
    OpBuilder builder = OpBuilder::atBlockBegin(module.getBody());
    func::FuncOp::create(builder, module.getLoc(), name, type).setPrivate();
  }
  return success();
}

LogicalResult loom::declareFiniteCheckers(ModuleOp module) {
  return declareRuntimeFunctions(module, checkerName, checkerType,
                                 "the runtime's NaN/Inf checks");
}

void loom::populateLoomCheckToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<CheckFiniteToCall>(patterns.getContext());
}
