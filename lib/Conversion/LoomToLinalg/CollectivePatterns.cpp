//===- CollectivePatterns.cpp - all_reduce -> one call on a packed bucket -===//
//
// The operands of one `loom.all_reduce` are copied, one after another, into
// one fresh contiguous buffer; the runtime reduces that buffer in place in a
// single exchange (loom/Support/Collectives.h), and each result is a view of
// its part of it. One large exchange instead of one per tensor is what makes
// a bucket pay: the latency of a collective is paid once per bucket.
//
//===----------------------------------------------------------------------===//
#include "loom/Conversion/LoomToLinalg/LoomToLinalg.h"
#include "loom/Dialect/Loom/IR/LoomOps.h"
#include "loom/Support/Collectives.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace loom;

namespace {

StringRef allReduceName(Type elementType) {
  return elementType.isF32() ? kAllReduceF32Function : kAllReduceF64Function;
}

FunctionType allReduceType(Type elementType) {
  MLIRContext *context = elementType.getContext();
  Type i64 = IntegerType::get(context, 64);
  return FunctionType::get(
      context,
      {i64, i64, UnrankedMemRefType::get(elementType, /*memorySpace=*/nullptr)},
      {});
}

struct AllReduceToCall : OpConversionPattern<AllReduceOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(AllReduceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Type elementType = getElementTypeOrSelf(op.getInputs().front().getType());
    int64_t total = 0;
    for (Value input : op.getInputs())
      total += cast<RankedTensorType>(input.getType()).getNumElements();
    auto bucketType = MemRefType::get({total}, elementType);
    Value bucket = memref::AllocOp::create(rewriter, loc, bucketType,
                                           rewriter.getI64IntegerAttr(64));

    // Each operand's part of the bucket, as a row-major view of its shape.
    SmallVector<Value> parts;
    int64_t offset = 0;
    for (Value input : adaptor.getInputs()) {
      auto type = cast<RankedTensorType>(input.getType());
      SmallVector<int64_t> strides(type.getRank(), 1);
      for (int64_t dim = type.getRank() - 2; dim >= 0; --dim)
        strides[dim] = strides[dim + 1] * type.getDimSize(dim + 1);
      auto partType = MemRefType::get(
          type.getShape(), elementType,
          StridedLayoutAttr::get(getContext(), offset, strides));
      Value part = memref::ReinterpretCastOp::create(
          rewriter, loc, partType, bucket, offset, type.getShape(), strides);
      // Identity layouts on both sides: the copy is one memcpy.
      Value source = bufferization::ToBufferOp::create(
          rewriter, loc, MemRefType::get(type.getShape(), elementType), input,
          /*read_only=*/true);
      memref::CopyOp::create(rewriter, loc, source, part);
      parts.push_back(part);
      offset += type.getNumElements();
    }

    Value handle = tensor::ExtractOp::create(rewriter, loc, adaptor.getComm(),
                                             ValueRange{});
    Value kind = arith::ConstantOp::create(
        rewriter, loc,
        rewriter.getI64IntegerAttr(static_cast<int64_t>(op.getKind())));
    Value unranked = memref::CastOp::create(
        rewriter, loc, UnrankedMemRefType::get(elementType, nullptr), bucket);
    func::CallOp::create(rewriter, loc, allReduceName(elementType), TypeRange{},
                         ValueRange{handle, kind, unranked});

    SmallVector<Value> results;
    for (auto [part, result] : llvm::zip(parts, op.getResults()))
      results.push_back(bufferization::ToTensorOp::create(
          rewriter, loc, result.getType(), part, /*restrict=*/true,
          /*writable=*/true));
    rewriter.replaceOp(op, results);
    return success();
  }
};

} // namespace

LogicalResult loom::declareCollectiveFunctions(ModuleOp module) {
  return declareRuntimeFunctions(module, allReduceName, allReduceType,
                                 "the runtime's collectives");
}

void loom::populateLoomCollectiveToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<AllReduceToCall>(patterns.getContext());
}
