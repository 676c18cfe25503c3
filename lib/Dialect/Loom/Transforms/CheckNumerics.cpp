//===- CheckNumerics.cpp - loom-check-numerics: NaN/Inf checks ------------===//
//
// Instruments the loom IR with a `loom.check_finite` after every float
// result, so that the runtime can name the first op that produced a NaN or an
// infinity. Constants are skipped (their values are known before any run),
// and so are ops that only move or select values (see onlyMovesOrSelects).
//
//===----------------------------------------------------------------------===//
#include "loom/Dialect/Loom/IR/LoomOps.h"
#include "loom/Dialect/Loom/Transforms/Passes.h"

#include "mlir/IR/Builders.h"

using namespace mlir;

namespace loom {
#define GEN_PASS_DEF_LOOMCHECKNUMERICS
#include "loom/Dialect/Loom/Transforms/Passes.h.inc"

namespace {

bool isCheckedAlready(Value value) {
  return llvm::any_of(value.getUsers(),
                      [](Operation *user) { return isa<CheckFiniteOp>(user); });
}

/// Ops whose every result element is one of their operands' elements, maybe
/// negated or its magnitude, or zero: with finite operands, which are checked
/// where they are computed, they cannot produce a NaN or an infinity. Leaving
/// them unchecked keeps them fused (a check would materialize a broadcast).
bool onlyMovesOrSelects(Operation *op) {
  return isa<ReshapeOp, TransposeOp, BroadcastInDimOp, SliceOp, ConcatOp, NegOp,
             AbsOp, ReluOp, MaxOp, MinOp, SelectOp, ReduceMaxOp>(op);
}

bool needsCheck(Operation *op) {
  return isa<LoomDialect>(op->getDialect()) && !isa<CheckFiniteOp>(op) &&
         !op->hasTrait<mlir::OpTrait::ConstantLike>() && !onlyMovesOrSelects(op);
}

struct LoomCheckNumericsPass
    : impl::LoomCheckNumericsBase<LoomCheckNumericsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    int64_t nextId = 0;
    module.walk([&](CheckFiniteOp check) {
      nextId = std::max(nextId, check.getIdAttr().getInt() + 1);
    });

    SmallVector<Operation *> producers;
    module.walk([&](Operation *op) {
      if (needsCheck(op))
        producers.push_back(op);
    });
    OpBuilder builder(&getContext());
    for (Operation *op : producers) {
      builder.setInsertionPointAfter(op);
      for (Value result : op->getResults()) {
        auto type = dyn_cast<RankedTensorType>(result.getType());
        if (!type || !isa<FloatType>(type.getElementType()) ||
            isCheckedAlready(result))
          continue;
        CheckFiniteOp::create(builder, op->getLoc(), result, nextId++,
                              op->getName().getStringRef());
      }
    }
  }
};

} // namespace
} // namespace loom
