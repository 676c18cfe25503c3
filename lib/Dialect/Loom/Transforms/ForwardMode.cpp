//===- ForwardMode.cpp - loom-jvp: Jacobian-vector products ---------------===//
//
// The JVP function is a copy of the forward function with one tangent
// argument per differentiated argument; right after each op on a path from a
// differentiated argument to a result, the op's rule builds the tangent of its
// results from the tangents of its operands. Nothing here knows any op.
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
#define GEN_PASS_DEF_LOOMJVP
#include "loom/Dialect/Loom/Transforms/Passes.h.inc"

namespace {

/// Emits the tangent code into `jvp`, whose differentiated arguments have the
/// tangents `seeds`, and returns the tangent of every float result.
FailureOr<SmallVector<Value>> emitTangents(func::FuncOp jvp,
                                           ArrayRef<unsigned> arguments,
                                           ValueRange seeds,
                                           const detail::Activity &activity) {
  DenseMap<Value, Value> tangents;
  for (auto [index, seed] : llvm::zip(arguments, seeds))
    tangents[jvp.getArgument(index)] = seed;

  OpBuilder b(jvp.getContext());
  for (Operation *op : activity.active) {
    b.setInsertionPointAfter(op);
    SmallVector<Value> operandTangents;
    for (Value operand : op->getOperands()) {
      if (!detail::isFloatTensor(operand)) {
        operandTangents.push_back(Value());
        continue;
      }
      Value tangent = tangents.lookup(operand);
      operandTangents.push_back(
          tangent ? tangent
                  : detail::zerosOfType(b, op->getLoc(), operand.getType()));
    }
    SmallVector<Value> resultTangents =
        cast<GradientOpInterface>(op).buildJvp(b, operandTangents);
    if (resultTangents.size() != op->getNumResults())
      return op->emitError("tangent rule of '")
             << op->getName() << "' returned " << resultTangents.size()
             << " tangents for " << op->getNumResults() << " results";
    for (auto [index, result, tangent] :
         llvm::enumerate(op->getResults(), resultTangents)) {
      if (!detail::isFloatTensor(result))
        continue;
      if (!tangent || tangent.getType() != result.getType())
        return op->emitError("tangent rule of '")
               << op->getName() << "' gave no tangent of type "
               << result.getType() << " for result #" << index;
      tangents[result] = tangent;
    }
  }

  auto ret = cast<func::ReturnOp>(jvp.front().getTerminator());
  b.setInsertionPoint(ret);
  SmallVector<Value> resultTangents;
  for (Value result : ret.getOperands()) {
    if (!detail::isFloatTensor(result))
      continue;
    Value tangent = tangents.lookup(result);
    resultTangents.push_back(
        tangent ? tangent
                : detail::zerosOfType(b, ret.getLoc(), result.getType()));
  }
  return resultTangents;
}

struct LoomJvpPass : impl::LoomJvpBase<LoomJvpPass> {
  using LoomJvpBase::LoomJvpBase;

  void runOnOperation() override {
    if (failed(detail::differentiateModule(getOperation(), functionName,
                                           "_jvp", buildJvpFunction)))
      signalPassFailure();
  }
};

} // namespace

FailureOr<func::FuncOp> buildJvpFunction(func::FuncOp func,
                                         ArrayRef<unsigned> arguments,
                                         StringRef name) {
  if (failed(detail::verifyDifferentiable(func, arguments)) ||
      failed(detail::verifyNameIsFree(func, name)))
    return failure();

  // Analyze and extend a copy, so a failure leaves the module untouched.
  func::FuncOp jvp = func.clone();
  jvp.setSymName(name);
  auto ret = cast<func::ReturnOp>(jvp.front().getTerminator());
  detail::Activity activity =
      detail::analyzeActivity(jvp, arguments, ret.getOperands());
  if (failed(detail::verifyRulesExist(func, activity, "tangent"))) {
    jvp.erase();
    return failure();
  }

  unsigned numArguments = jvp.getNumArguments();
  SmallVector<unsigned> positions(arguments.size(), numArguments);
  SmallVector<Type> types;
  SmallVector<Location> locations;
  for (unsigned index : arguments) {
    types.push_back(jvp.getArgument(index).getType());
    locations.push_back(jvp.getArgument(index).getLoc());
  }
  SmallVector<DictionaryAttr> attrs(arguments.size(),
                                    DictionaryAttr::get(func.getContext()));
  if (failed(jvp.insertArguments(positions, types, attrs, locations))) {
    jvp.erase();
    return func.emitError("cannot extend the signature of @") << name;
  }
  ValueRange seeds = jvp.getArguments().drop_front(numArguments);

  SymbolTable(func->getParentOfType<ModuleOp>())
      .insert(jvp, std::next(Block::iterator(func)));
  FailureOr<SmallVector<Value>> tangents =
      emitTangents(jvp, arguments, seeds, activity);
  if (failed(tangents)) {
    jvp.erase();
    return failure();
  }

  SmallVector<unsigned> resultPositions(tangents->size(), jvp.getNumResults());
  SmallVector<Type> resultTypes = llvm::to_vector(
      llvm::map_range(*tangents, [](Value v) { return v.getType(); }));
  // The tangents follow the float results; a named result's is
  // `tangent.<name>`.
  SmallVector<DictionaryAttr> resultAttrs;
  Builder builder(func.getContext());
  for (auto [index, value] : llvm::enumerate(ret.getOperands().take_front(
           func.getNumResults()))) {
    if (!detail::isFloatTensor(value))
      continue;
    SmallVector<NamedAttribute> attrs;
    if (StringAttr name = abi::getResultName(func, index))
      attrs.push_back(abi::result(func.getContext(),
                                  "tangent." + name.getValue().str()));
    resultAttrs.push_back(builder.getDictionaryAttr(attrs));
  }
  if (failed(jvp.insertResults(resultPositions, resultTypes, resultAttrs))) {
    jvp.erase();
    return func.emitError("cannot extend the signature of @") << name;
  }
  ret->insertOperands(ret->getNumOperands(), *tangents);
  return jvp;
}

} // namespace loom
