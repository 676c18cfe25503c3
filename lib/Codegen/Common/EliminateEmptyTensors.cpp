//===- EliminateEmptyTensors.cpp - Results computed in their out-params ---===//
//
// Upstream's empty-tensor elimination replaces a result's `tensor.empty` with
// the result's destination buffer on the strength of an analysis of the IR
// before the replacement. That is unsound once the replaced tensor reaches a
// second value (two reductions sharing one CSE'd fill): bufferization then
// computes the first result out of place while the second lives in the first
// result's buffer, and the final copy of the first overwrites the second.
// This pass makes destination chains private, replaces, and then checks every
// replacement against the analysis that `loom-bufferize` will run, undoing
// those whose result would not be computed in its destination after all.
//
//===----------------------------------------------------------------------===//
#include "loom/Codegen/Common/Bufferization.h"
#include "loom/Codegen/Common/Passes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Bufferization/Transforms/OneShotModuleBufferize.h"
#include "mlir/Dialect/Bufferization/Transforms/Transforms.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Dominance.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/MapVector.h"

namespace loom {
#define GEN_PASS_DEF_ELIMINATEEMPTYTENSORS
#include "loom/Codegen/Common/Passes.h.inc"
} // namespace loom

using namespace mlir;
using bufferization::MaterializeInDestinationOp;
using bufferization::ToTensorOp;

namespace {

/// Gives each use of `op`'s single result its own clone of `op`, placed right
/// after it, so that no two destination chains share the tensor.
void cloneForEachUse(RewriterBase &rewriter, Operation *op) {
  Value result = op->getResult(0);
  SmallVector<OpOperand *> uses = llvm::map_to_vector(
      result.getUses(), [](OpOperand &use) { return &use; });
  rewriter.setInsertionPointAfter(op);
  for (OpOperand *use : llvm::drop_begin(uses)) {
    Operation *clone = rewriter.clone(*op);
    rewriter.modifyOpInPlace(use->getOwner(),
                             [&] { use->set(clone->getResult(0)); });
  }
}

/// Step 1: clones the fills of each function body that have several uses.
/// (Empty tensors need no clones: the elimination replaces one use at a
/// time.) Fills inside loops are left alone: their tiles never hold a result,
/// and cloning there would repeat work on every iteration.
void privatizeFills(RewriterBase &rewriter, func::FuncOp func) {
  SmallVector<linalg::FillOp> shared;
  for (auto fill : func.getBody().getOps<linalg::FillOp>())
    if (!fill->hasOneUse() && !fill->use_empty())
      shared.push_back(fill);
  for (linalg::FillOp fill : shared)
    cloneForEachUse(rewriter, fill);
}

/// Memref-destination materializations of each function, in block order.
SmallVector<MaterializeInDestinationOp> materializations(func::FuncOp func) {
  SmallVector<MaterializeInDestinationOp> result;
  func.walk([&](MaterializeInDestinationOp op) {
    if (isa<BaseMemRefType>(op.getDest().getType()))
      result.push_back(op);
  });
  return result;
}

/// The operands that empty-tensor elimination redirected to a destination
/// tensor on behalf of one materialization.
using Replacements = llvm::MapVector<Operation *, SmallVector<OpOperand *>>;

/// Step 2: upstream's elimination, with tied results computed in their
/// argument's existing tensor. Records every replaced use.
LogicalResult replaceEmptyTensors(RewriterBase &rewriter, ModuleOp module,
                                  Replacements &replacements) {
  bufferization::OneShotAnalysisState state(
      module, loom::oneShotBufferizationOptions());
  if (failed(bufferization::analyzeModuleOp(module, state)))
    return failure();
  DominanceInfo dominance;
  auto extraction = [&](RewriterBase &rewriter,
                        SubsetInsertionOpInterface subsetOp,
                        tensor::EmptyOp empty, Operation *user) -> Value {
    auto materialize = dyn_cast<MaterializeInDestinationOp>(*subsetOp);
    Value replacement;
    if (materialize && !materialize.getRestrict()) {
      // A tied result: its argument is already read through a restricted
      // to_tensor, and a second one would hide the aliasing.
      ToTensorOp existing = loom::restrictedTensorOf(materialize.getDest());
      if (existing && dominance.properlyDominates(existing.getOperation(), user))
        replacement = existing.getResult();
    } else {
      replacement = bufferization::buildSubsetExtraction(rewriter, subsetOp,
                                                         empty, user);
    }
    if (replacement && materialize)
      for (OpOperand &use : empty->getUses())
        if (use.getOwner() == user)
          replacements[materialize].push_back(&use);
    return replacement;
  };
  return bufferization::eliminateEmptyTensors(rewriter, module, state,
                                              extraction);
}

/// Undoes the replacements made for `materialize`: the uses get fresh empty
/// tensors again, and an untied destination gets its `restrict` back.
void undoReplacements(RewriterBase &rewriter,
                      MaterializeInDestinationOp materialize,
                      ArrayRef<OpOperand *> uses, Value destinationTensor) {
  for (OpOperand *use : uses) {
    if (use->get() != destinationTensor)
      continue;
    rewriter.setInsertionPoint(use->getOwner());
    auto type = cast<RankedTensorType>(destinationTensor.getType());
    Value empty = tensor::EmptyOp::create(rewriter, use->getOwner()->getLoc(),
                                          type.getShape(), type.getElementType());
    rewriter.modifyOpInPlace(use->getOwner(), [&] { use->set(empty); });
  }
  Operation *toTensor = destinationTensor.getDefiningOp();
  if (toTensor->use_empty()) {
    // Only an untied destination's to_tensor was made by the elimination.
    rewriter.eraseOp(toTensor);
    rewriter.modifyOpInPlace(materialize, [&] { materialize.setRestrict(true); });
  }
}

/// Step 3: one round of the check. Returns true when it changed the IR (the
/// analysis must then run again).
FailureOr<bool> undoUnsoundReplacement(RewriterBase &rewriter, ModuleOp module,
                                       Replacements &replacements) {
  bufferization::OneShotAnalysisState state(
      module, loom::oneShotBufferizationOptions());
  if (failed(bufferization::analyzeModuleOp(module, state)))
    return failure();
  for (auto func : module.getOps<func::FuncOp>()) {
    SmallVector<MaterializeInDestinationOp> ops = materializations(func);
    for (auto [index, materialize] : llvm::enumerate(ops)) {
      ToTensorOp destination = loom::restrictedTensorOf(materialize.getDest());
      if (!destination || state.areEquivalentBufferizedValues(
                              materialize.getSource(), destination))
        continue;
      auto replaced = replacements.find(materialize);
      if (replaced != replacements.end()) {
        SmallVector<OpOperand *> uses = std::move(replaced->second);
        replacements.erase(replaced);
        undoReplacements(rewriter, materialize, uses, destination);
        return true;
      }
      // The result is copied into the destination at the end, so a later
      // result that reads the destination's buffer (a swap of two tied
      // arguments) must read a copy taken before that.
      for (MaterializeInDestinationOp later : llvm::drop_begin(ops, index + 1))
        if (state.areAliasingBufferizedValues(later.getSource(), destination)) {
          rewriter.setInsertionPoint(materialize);
          Value oldValue = later.getSource();
          auto copy = bufferization::AllocTensorOp::create(
              rewriter, later.getLoc(), cast<RankedTensorType>(oldValue.getType()),
              ValueRange(), oldValue);
          rewriter.modifyOpInPlace(later, [&] {
            later.getSourceMutable().assign(copy.getResult());
          });
          return true;
        }
    }
  }
  return false;
}

struct EliminateEmptyTensorsPass
    : loom::impl::EliminateEmptyTensorsBase<EliminateEmptyTensorsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    IRRewriter rewriter(module.getContext());
    for (auto func : module.getOps<func::FuncOp>())
      if (!func.isExternal())
        privatizeFills(rewriter, func);
    Replacements replacements;
    if (failed(replaceEmptyTensors(rewriter, module, replacements)))
      return signalPassFailure();
    // Each round undoes one replacement or gives a result its own copy, so
    // this ends.
    while (true) {
      FailureOr<bool> undone =
          undoUnsoundReplacement(rewriter, module, replacements);
      if (failed(undone))
        return signalPassFailure();
      if (!*undone)
        break;
    }
    // Empty tensors whose every use was replaced.
    module.walk([&](tensor::EmptyOp empty) {
      if (empty->use_empty())
        rewriter.eraseOp(empty);
    });
  }
};

} // namespace
