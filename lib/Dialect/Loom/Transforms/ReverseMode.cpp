//===- ReverseMode.cpp - loom-autodiff: gradients by reverse mode ---------===//
//
// The gradient function is a copy of the forward function followed by the
// backward code: the ops on a path from a differentiated argument to the loss,
// visited last to first, each asked for its vector-Jacobian product. Nothing
// here knows any op; the rules live in LoomGradients.cpp.
//
//===----------------------------------------------------------------------===//
#include "DifferentiationCommon.h"

#include "loom/Dialect/Loom/IR/LoomABI.h"
#include "loom/Dialect/Loom/IR/LoomOps.h"
#include "loom/Dialect/Loom/Transforms/Autodiff.h"
#include "loom/Dialect/Loom/Transforms/Passes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"

using namespace mlir;

namespace loom {
#define GEN_PASS_DEF_LOOMAUTODIFF
#include "loom/Dialect/Loom/Transforms/Passes.h.inc"

namespace {

LogicalResult verifyLoss(func::FuncOp func) {
  FunctionType type = func.getFunctionType();
  auto loss = type.getNumResults() == 0
                  ? RankedTensorType()
                  : dyn_cast<RankedTensorType>(type.getResult(0));
  if (!loss || loss.getRank() != 0 || !isa<FloatType>(loss.getElementType()))
    return func.emitError("cannot differentiate @")
           << func.getSymName()
           << ": result 0 must be the loss, a rank-0 float tensor, got "
           << (type.getNumResults() == 0 ? Type() : type.getResult(0));
  return success();
}

/// Emits the backward code of `grad` (a fresh copy of the forward function)
/// before its return and returns the gradient of each of `arguments`.
FailureOr<SmallVector<Value>> emitBackward(func::FuncOp grad,
                                           ArrayRef<unsigned> arguments,
                                           const detail::Activity &activity) {
  auto ret = cast<func::ReturnOp>(grad.front().getTerminator());
  OpBuilder b(ret);
  DenseMap<Value, Value> cotangents;
  auto accumulate = [&](Value value, Value cotangent, Location loc) {
    auto [it, inserted] = cotangents.try_emplace(value, cotangent);
    if (!inserted)
      it->second = AddOp::create(b, loc, it->second, cotangent);
  };

  Value loss = ret.getOperand(0);
  if (activity.varied.contains(loss)) {
    auto lossType = cast<RankedTensorType>(loss.getType());
    auto one = DenseElementsAttr::get(
        lossType, FloatAttr::get(lossType.getElementType(), 1.0));
    cotangents[loss] = ConstantOp::create(b, ret.getLoc(), cast<ElementsAttr>(one));
  }

  for (Operation *op : llvm::reverse(activity.active)) {
    SmallVector<Value> resultCotangents;
    for (Value result : op->getResults()) {
      if (!detail::isFloatTensor(result)) {
        resultCotangents.push_back(Value());
        continue;
      }
      Value cotangent = cotangents.lookup(result);
      resultCotangents.push_back(
          cotangent ? cotangent
                    : detail::zerosOfType(b, op->getLoc(), result.getType()));
    }
    SmallVector<bool> needed;
    for (Value operand : op->getOperands())
      needed.push_back(activity.varied.contains(operand));

    SmallVector<Value> operandCotangents =
        cast<GradientOpInterface>(op).buildVjp(b, resultCotangents, needed);
    if (operandCotangents.size() != op->getNumOperands())
      return op->emitError("gradient rule of '")
             << op->getName() << "' returned " << operandCotangents.size()
             << " cotangents for " << op->getNumOperands() << " operands";
    for (auto [index, operand, cotangent] :
         llvm::enumerate(op->getOperands(), operandCotangents)) {
      if (!needed[index])
        continue;
      if (!cotangent || cotangent.getType() != operand.getType())
        return op->emitError("gradient rule of '")
               << op->getName() << "' gave no cotangent of type "
               << operand.getType() << " for operand #" << index;
      accumulate(operand, cotangent, op->getLoc());
    }
  }

  SmallVector<Value> gradients;
  for (unsigned index : arguments) {
    BlockArgument argument = grad.getArgument(index);
    Value gradient = cotangents.lookup(argument);
    gradients.push_back(gradient ? gradient
                                 : detail::zerosOfType(b, grad.getLoc(),
                                                       argument.getType()));
  }
  return gradients;
}

struct LoomAutodiffPass : impl::LoomAutodiffBase<LoomAutodiffPass> {
  using LoomAutodiffBase::LoomAutodiffBase;

  void runOnOperation() override {
    if (failed(detail::differentiateModule(getOperation(), functionName,
                                           "_grad", buildGradientFunction)))
      signalPassFailure();
  }
};

} // namespace

FailureOr<func::FuncOp> buildGradientFunction(func::FuncOp func,
                                              ArrayRef<unsigned> arguments,
                                              StringRef name) {
  if (failed(detail::verifyDifferentiable(func, arguments)) ||
      failed(verifyLoss(func)) || failed(detail::verifyNameIsFree(func, name)))
    return failure();

  // Analyze and extend a copy, so a failure leaves the module untouched.
  func::FuncOp grad = func.clone();
  grad.setSymName(name);
  auto ret = cast<func::ReturnOp>(grad.front().getTerminator());
  detail::Activity activity =
      detail::analyzeActivity(grad, arguments, ret.getOperand(0));
  if (failed(detail::verifyRulesExist(func, activity, "gradient"))) {
    grad.erase();
    return failure();
  }

  SymbolTable(func->getParentOfType<ModuleOp>())
      .insert(grad, std::next(Block::iterator(func)));
  FailureOr<SmallVector<Value>> gradients =
      emitBackward(grad, arguments, activity);
  if (failed(gradients)) {
    grad.erase();
    return failure();
  }

  SmallVector<unsigned> positions(arguments.size(), grad.getNumResults());
  SmallVector<Type> types;
  SmallVector<DictionaryAttr> attrs;
  Builder builder(func.getContext());
  for (auto [index, gradient] : llvm::zip(arguments, *gradients)) {
    types.push_back(gradient.getType());
    attrs.push_back(
        builder.getDictionaryAttr(abi::gradientOf(func.getContext(), index)));
  }
  if (failed(grad.insertResults(positions, types, attrs))) {
    grad.erase();
    return func.emitError("cannot extend the signature of @") << name;
  }
  ret->insertOperands(ret->getNumOperands(), *gradients);
  return grad;
}

} // namespace loom
