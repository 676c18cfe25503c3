//===- ResultsToOutParams.cpp - Tensor results become out-params ----------===//
//
// Public functions return their tensors through caller-allocated memrefs so
// that the runtime owns every buffer it hands out and bufferization can
// compute results directly in them.
//
//===----------------------------------------------------------------------===//
#include "loom/Codegen/Common/Passes.h"
#include "loom/Dialect/Loom/IR/LoomABI.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"

namespace loom {
#define GEN_PASS_DEF_RESULTSTOOUTPARAMS
#include "loom/Codegen/Common/Passes.h.inc"
} // namespace loom

using namespace mlir;

namespace {

/// The argument each result is tied to (`loom.tied_to`), or -1. The dialect's
/// rules are checked here too: IR without loom ops may have been parsed with
/// the dialect, and so its verifier, not loaded.
FailureOr<SmallVector<int64_t>> tiedArguments(func::FuncOp func) {
  if (failed(loom::abi::verifyFunction(func)))
    return failure();
  SmallVector<int64_t> tiedTo;
  for (unsigned index = 0; index < func.getNumResults(); ++index) {
    std::optional<unsigned> tied = loom::abi::getTiedArgument(func, index);
    tiedTo.push_back(tied ? static_cast<int64_t>(*tied) : -1);
  }
  return tiedTo;
}

/// Turns tensor argument `index` into a memref that the function may write,
/// reading it through a `restrict writable` to_tensor at the entry.
Value makeArgumentWritable(func::FuncOp func, unsigned index) {
  BlockArgument argument = func.getArgument(index);
  auto tensorType = cast<RankedTensorType>(argument.getType());
  auto memrefType =
      MemRefType::get(tensorType.getShape(), tensorType.getElementType());
  argument.setType(memrefType);
  OpBuilder builder = OpBuilder::atBlockBegin(&func.front());
  auto contents = bufferization::ToTensorOp::create(
      builder, argument.getLoc(), tensorType, argument, /*restrict=*/true,
      /*writable=*/true);
  argument.replaceAllUsesExcept(contents, contents);
  return argument;
}

LogicalResult convertFunction(func::FuncOp func, ModuleOp module) {
  if (!SymbolTable::symbolKnownUseEmpty(func, module))
    return func.emitError("public function @")
           << func.getSymName()
           << " is called inside the module; inline it (or make it private) "
              "before giving it an out-parameter calling convention";

  FunctionType type = func.getFunctionType();
  FailureOr<SmallVector<int64_t>> tiedTo = tiedArguments(func);
  if (failed(tiedTo))
    return failure();
  SmallVector<Type> outTypes;
  for (auto [index, resultType] : llvm::enumerate(type.getResults())) {
    auto tensorType = dyn_cast<RankedTensorType>(resultType);
    if (!tensorType)
      return func.emitError("result #")
             << index << " of public function @" << func.getSymName()
             << " has type " << resultType
             << "; only ranked tensors can be returned through out-parameters";
    if ((*tiedTo)[index] < 0)
      outTypes.push_back(
          MemRefType::get(tensorType.getShape(), tensorType.getElementType()));
  }

  MLIRContext *context = func.getContext();
  unsigned numInputs = type.getNumInputs();
  for (auto [index, inputType] : llvm::enumerate(type.getInputs()))
    if (isa<TensorType>(inputType) && !llvm::is_contained(*tiedTo, index))
      func.setArgAttr(index, bufferization::BufferizationDialect::kWritableAttrName,
                      BoolAttr::get(context, false));

  // Each result is written to its tied argument's buffer, or else to the next
  // out-parameter.
  SmallVector<Value> destinations;
  for (int64_t tied : *tiedTo)
    destinations.push_back(tied < 0 ? Value()
                                    : makeArgumentWritable(func, tied));
  func.setType(FunctionType::get(context, func.front().getArgumentTypes(),
                                 type.getResults()));

  Block &entry = func.front();
  SmallVector<unsigned> outIndices(outTypes.size(), numInputs);
  SmallVector<DictionaryAttr> outAttrs(outTypes.size(),
                                       DictionaryAttr::get(context));
  SmallVector<Location> outLocs(outTypes.size(), func.getLoc());
  if (failed(func.insertArguments(outIndices, outTypes, outAttrs, outLocs)))
    return func.emitError("cannot add out-parameters to @")
           << func.getSymName();
  ValueRange outParams = entry.getArguments().drop_front(numInputs);
  for (Value &destination : destinations)
    if (!destination) {
      destination = outParams.front();
      outParams = outParams.drop_front();
    }

  SmallVector<func::ReturnOp> returns;
  func.walk([&](func::ReturnOp ret) { returns.push_back(ret); });
  OpBuilder builder(context);
  for (func::ReturnOp ret : returns) {
    builder.setInsertionPoint(ret);
    // Untied results first: they may read an argument's old value, which a
    // tied result overwrites. A tied argument already has its `to_tensor
    // restrict`, so its materialization must not claim `restrict` too.
    for (bool tied : {false, true})
      for (auto [result, out, tiedIndex] :
           llvm::zip_equal(ret.getOperands(), destinations, *tiedTo))
        if ((tiedIndex >= 0) == tied)
          bufferization::MaterializeInDestinationOp::create(
              builder, ret.getLoc(), TypeRange(), result, out,
              /*restrict=*/!tied, /*writable=*/true);
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
