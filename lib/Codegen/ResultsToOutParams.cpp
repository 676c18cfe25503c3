//===- ResultsToOutParams.cpp - Tensor results become out-params ----------===//
//
// Public functions return their tensors through caller-allocated memrefs so
// that the runtime owns every buffer it hands out and bufferization can
// compute results directly in them.
//
//===----------------------------------------------------------------------===//
#include "loom/Codegen/Passes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"

namespace loom {
#define GEN_PASS_DEF_RESULTSTOOUTPARAMS
#include "loom/Codegen/Passes.h.inc"
} // namespace loom

using namespace mlir;

namespace {

LogicalResult convertFunction(func::FuncOp func, ModuleOp module) {
  if (!SymbolTable::symbolKnownUseEmpty(func, module))
    return func.emitError("public function @")
           << func.getSymName()
           << " is called inside the module; inline it (or make it private) "
              "before giving it an out-parameter calling convention";

  FunctionType type = func.getFunctionType();
  SmallVector<Type> outTypes;
  for (auto [index, resultType] : llvm::enumerate(type.getResults())) {
    auto tensorType = dyn_cast<RankedTensorType>(resultType);
    if (!tensorType)
      return func.emitError("result #")
             << index << " of public function @" << func.getSymName()
             << " has type " << resultType
             << "; only ranked tensors can be returned through out-parameters";
    outTypes.push_back(
        MemRefType::get(tensorType.getShape(), tensorType.getElementType()));
  }

  MLIRContext *context = func.getContext();
  unsigned numInputs = type.getNumInputs();
  for (auto [index, inputType] : llvm::enumerate(type.getInputs()))
    if (isa<TensorType>(inputType))
      func.setArgAttr(index, bufferization::BufferizationDialect::kWritableAttrName,
                      BoolAttr::get(context, false));

  Block &entry = func.front();
  SmallVector<unsigned> outIndices(outTypes.size(), numInputs);
  SmallVector<DictionaryAttr> outAttrs(outTypes.size(),
                                       DictionaryAttr::get(context));
  SmallVector<Location> outLocs(outTypes.size(), func.getLoc());
  if (failed(func.insertArguments(outIndices, outTypes, outAttrs, outLocs)))
    return func.emitError("cannot add out-parameters to @")
           << func.getSymName();
  ValueRange outParams = entry.getArguments().drop_front(numInputs);

  SmallVector<func::ReturnOp> returns;
  func.walk([&](func::ReturnOp ret) { returns.push_back(ret); });
  OpBuilder builder(context);
  for (func::ReturnOp ret : returns) {
    builder.setInsertionPoint(ret);
    for (auto [result, out] : llvm::zip_equal(ret.getOperands(), outParams))
      bufferization::MaterializeInDestinationOp::create(
          builder, ret.getLoc(), TypeRange(), result, out, /*restrict=*/true,
          /*writable=*/true);
    func::ReturnOp::create(builder, ret.getLoc());
    ret.erase();
  }

  llvm::BitVector allResults(type.getNumResults(), true);
  if (failed(func.eraseResults(allResults)))
    return func.emitError("cannot drop the results of @") << func.getSymName();
  func->setAttr(LLVM::LLVMDialect::getEmitCWrapperAttrName(),
                UnitAttr::get(context));
  return success();
}

struct ResultsToOutParamsPass
    : loom::impl::ResultsToOutParamsBase<ResultsToOutParamsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    for (auto func : llvm::make_early_inc_range(module.getOps<func::FuncOp>())) {
      if (func.isPrivate() || func.isExternal())
        continue;
      if (failed(convertFunction(func, module)))
        return signalPassFailure();
    }
  }
};

} // namespace
