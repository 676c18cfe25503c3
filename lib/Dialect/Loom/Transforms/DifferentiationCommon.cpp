//===- DifferentiationCommon.cpp - shared by reverse and forward mode -----===//
#include "DifferentiationCommon.h"

#include "loom/Dialect/Loom/IR/LoomABI.h"
#include "loom/Dialect/Loom/IR/LoomOps.h"
#include "loom/Dialect/Loom/Transforms/Autodiff.h"

#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;

namespace loom {

SmallVector<unsigned> differentiatedArguments(func::FuncOp func) {
  SmallVector<unsigned> marked, parameters;
  for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i) {
    if (abi::isDifferentiated(func, i))
      marked.push_back(i);
    else if (abi::getParameterName(func, i) &&
             detail::isFloatTensor(func.getArgument(i)))
      parameters.push_back(i);
  }
  return marked.empty() ? parameters : marked;
}

namespace detail {

bool isFloatTensor(Value value) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  return type && isa<FloatType>(type.getElementType());
}

Value zerosOfType(OpBuilder &b, Location loc, Type type) {
  auto tensorType = cast<RankedTensorType>(type);
  auto zero = FloatAttr::get(tensorType.getElementType(), 0.0);
  auto attr = DenseElementsAttr::get(tensorType, zero);
  return ConstantOp::create(b, loc, cast<ElementsAttr>(attr));
}

Activity analyzeActivity(func::FuncOp func, ArrayRef<unsigned> arguments,
                         ValueRange targets) {
  Activity activity;
  Block &body = func.front();
  for (unsigned index : arguments)
    activity.varied.insert(body.getArgument(index));
  for (Operation &op : body.without_terminator()) {
    if (llvm::none_of(op.getOperands(), [&](Value operand) {
          return activity.varied.contains(operand);
        }))
      continue;
    for (Value result : op.getResults())
      if (isFloatTensor(result))
        activity.varied.insert(result);
  }

  DenseSet<Value> useful;
  for (Value target : targets)
    if (activity.varied.contains(target))
      useful.insert(target);
  for (Operation &op : llvm::reverse(body.without_terminator())) {
    if (llvm::none_of(op.getResults(),
                      [&](Value result) { return useful.contains(result); }))
      continue;
    activity.active.push_back(&op);
    for (Value operand : op.getOperands())
      if (activity.varied.contains(operand))
        useful.insert(operand);
  }
  std::reverse(activity.active.begin(), activity.active.end());
  return activity;
}

LogicalResult verifyDifferentiable(func::FuncOp func,
                                   ArrayRef<unsigned> arguments) {
  if (func.isExternal() || !func.getBody().hasOneBlock() ||
      !isa<func::ReturnOp>(func.front().getTerminator()))
    return func.emitError("cannot differentiate @")
           << func.getSymName()
           << ": it must have a body of exactly one block, ending in func.return";
  for (Operation &op : func.front())
    if (op.getNumRegions() != 0)
      return op.emitError("cannot differentiate an op with regions: '")
             << op.getName() << "'";
  if (arguments.empty())
    return func.emitError("cannot differentiate @")
           << func.getSymName() << ": no argument is marked `"
           << abi::kDifferentiate << "` and no float argument carries `"
           << abi::kParam << "`";
  for (auto [i, index] : llvm::enumerate(arguments)) {
    if (index >= func.getNumArguments() || (i > 0 && arguments[i - 1] >= index))
      return func.emitError("differentiated argument indices must be "
                            "ascending and in range, got ")
             << index;
    if (!isFloatTensor(func.getArgument(index)))
      return func.emitError("cannot differentiate with respect to argument #")
             << index << " of type " << func.getArgument(index).getType()
             << ": only float tensors have derivatives";
  }
  return success();
}

LogicalResult verifyRulesExist(func::FuncOp func, const Activity &activity,
                               StringRef mode) {
  SmallVector<Operation *> missing;
  for (Operation *op : activity.active)
    if (!isa<GradientOpInterface>(op))
      missing.push_back(op);
  if (missing.empty())
    return success();

  InFlightDiagnostic diag = func.emitError()
                            << "cannot build the " << mode << " of @"
                            << func.getSymName() << ": " << missing.size()
                            << " op(s) on the differentiated path have no "
                               "gradient rule: ";
  llvm::interleaveComma(missing, diag, [&](Operation *op) {
    diag << "'" << op->getName() << "'";
  });
  for (Operation *op : missing) {
    // The differentiable ops whose derivative depends on `op`'s.
    DenseSet<Value> reached(op->result_begin(), op->result_end());
    SmallVector<Operation *> downstream;
    for (Operation *later : activity.active) {
      if (!op->isBeforeInBlock(later) ||
          llvm::none_of(later->getOperands(),
                        [&](Value v) { return reached.contains(v); }))
        continue;
      reached.insert(later->result_begin(), later->result_end());
      if (isa<GradientOpInterface>(later))
        downstream.push_back(later);
    }
    Diagnostic &note = diag.attachNote(op->getLoc());
    note << "'" << op->getName() << "' has no gradient rule";
    if (downstream.empty())
      continue;
    note << "; its derivative would flow through " << downstream.size()
         << " differentiable op(s): ";
    llvm::interleaveComma(downstream, note, [&](Operation *later) {
      note << "'" << later->getName() << "'";
    });
  }
  return failure();
}

LogicalResult verifyNameIsFree(func::FuncOp func, StringRef name) {
  auto module = func->getParentOfType<ModuleOp>();
  if (!module)
    return func.emitError("cannot differentiate a function outside a module");
  if (SymbolTable::lookupSymbolIn(module, name))
    return func.emitError("cannot add @")
           << name << ": the module already has a symbol of that name";
  return success();
}

LogicalResult differentiateModule(ModuleOp module, StringRef functionName,
                                  StringRef suffix, BuildFunction build) {
  SmallVector<func::FuncOp> functions;
  if (!functionName.empty()) {
    auto func = module.lookupSymbol<func::FuncOp>(functionName);
    if (!func)
      return module.emitError("no function named @") << functionName;
    functions.push_back(func);
  } else {
    for (auto func : module.getOps<func::FuncOp>())
      if (llvm::any_of(llvm::seq(func.getNumArguments()), [&](unsigned i) {
            return abi::isDifferentiated(func, i);
          }))
        functions.push_back(func);
  }
  bool failed = false;
  for (func::FuncOp func : functions) {
    std::string name = (func.getSymName() + suffix).str();
    if (mlir::failed(build(func, differentiatedArguments(func), name)))
      failed = true;
  }
  return mlir::failure(failed);
}

} // namespace detail
} // namespace loom
