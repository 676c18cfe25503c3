//===- OutlineKernels.cpp - One function per loop nest --------------------===//
#include "loom/Codegen/Common/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Transforms/RegionUtils.h"

#include "llvm/ADT/SetVector.h"

#include <string>

namespace loom {
#define GEN_PASS_DEF_OUTLINEKERNELS
#include "loom/Codegen/Common/Passes.h.inc"
} // namespace loom

using namespace mlir;

namespace {

bool isConstant(Value value) {
  Operation *producer = value.getDefiningOp();
  return producer && producer->getNumResults() == 1 &&
         matchPattern(value, m_Constant());
}

/// Replaces `kernel` (a top-level op of `function`) by a call of a new
/// function, inserted after `previous`, that holds it; returns the new
/// function.
func::FuncOp outline(Operation *kernel, func::FuncOp function, unsigned index,
                     Operation *previous, SymbolTable &symbols) {
  llvm::SetVector<Value> captured;
  for (Value operand : kernel->getOperands())
    captured.insert(operand);
  getUsedValuesDefinedAbove(kernel->getRegions(), captured);
  SmallVector<Value> arguments, constants;
  for (Value value : captured)
    (isConstant(value) ? constants : arguments).push_back(value);

  OpBuilder builder(function);
  builder.setInsertionPointAfter(previous);
  auto type = builder.getFunctionType(ValueRange(arguments).getTypes(),
                                      kernel->getResultTypes());
  auto outlined = func::FuncOp::create(
      builder, kernel->getLoc(),
      (function.getSymName() + "_k" + std::to_string(index)).str(), type);
  outlined.setPrivate();
  // Internal linkage: no exported symbol and no PLT call in a shared
  // library, and LLVM may specialize the kernel for its one caller.
  outlined->setAttr("llvm.linkage", LLVM::LinkageAttr::get(
                                        builder.getContext(),
                                        LLVM::Linkage::Internal));
  outlined->setAttr("passthrough",
                    builder.getArrayAttr({builder.getStringAttr("noinline")}));
  symbols.insert(outlined);

  Block *body = outlined.addEntryBlock();
  builder.setInsertionPointToStart(body);
  IRMapping mapping;
  for (auto [value, argument] : llvm::zip(arguments, body->getArguments()))
    mapping.map(value, argument);
  for (Value constant : constants)
    mapping.map(constant, builder.clone(*constant.getDefiningOp())->getResult(0));
  Operation *moved = builder.clone(*kernel, mapping);
  func::ReturnOp::create(builder, kernel->getLoc(), moved->getResults());

  builder.setInsertionPoint(kernel);
  auto call = func::CallOp::create(builder, kernel->getLoc(), outlined,
                                   arguments);
  kernel->replaceAllUsesWith(call.getResults());
  kernel->erase();
  return outlined;
}

class OutlineKernelsPass
    : public loom::impl::OutlineKernelsBase<OutlineKernelsPass> {
public:
  void runOnOperation() override {
    SymbolTable symbols(getOperation());
    SmallVector<func::FuncOp> functions(
        getOperation().getOps<func::FuncOp>());
    for (func::FuncOp function : functions) {
      if (function.isExternal() || !function.getBody().hasOneBlock())
        continue;
      SmallVector<Operation *> kernels;
      for (Operation &op : function.getBody().front())
        if (op.getNumRegions() > 0)
          kernels.push_back(&op);
      Operation *previous = function;
      for (auto [index, kernel] : llvm::enumerate(kernels))
        previous = outline(kernel, function, index, previous, symbols);
    }
  }
};

} // namespace
