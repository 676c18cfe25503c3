//===- ElementwiseFusionPolicy.cpp - Which ops the CPU fuses --------------===//
#include "loom/Codegen/CPU/ElementwiseFusionPolicy.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"

using namespace mlir;

namespace {

bool hasReductionLoops(Operation *op) {
  auto linalgOp = dyn_cast_or_null<linalg::LinalgOp>(op);
  return linalgOp && linalgOp.getNumReductionLoops() > 0;
}

/// Ops in the body of a linalg op (its terminator not counted); 0 for any
/// other op.
int64_t bodySize(Operation *op) {
  auto linalgOp = dyn_cast_or_null<linalg::LinalgOp>(op);
  if (!linalgOp)
    return 0;
  return static_cast<int64_t>(linalgOp.getBlock()->getOperations().size()) - 1;
}

/// Upstream's default, fuse a producer only into its single user, as long as
/// the fused body stays within kMaxFusedBodyOps.
bool producerHasOneUse(OpOperand *fusedOperand) {
  Operation *producer = fusedOperand->get().getDefiningOp();
  return producer && producer->hasOneUse() &&
         bodySize(producer) + bodySize(fusedOperand->getOwner()) <=
             loom::kMaxFusedBodyOps;
}

} // namespace

loom::ElementwiseFusionPolicy loom::cpuElementwiseFusionPolicy() {
  return {producerHasOneUse, [](OpOperand *fusedOperand) {
            // The reshape is the operand's producer (folded into its
            // consumer) or its user (folding the producing op): neither
            // side may be a reduction.
            return producerHasOneUse(fusedOperand) &&
                   !hasReductionLoops(fusedOperand->getOwner()) &&
                   !hasReductionLoops(fusedOperand->get().getDefiningOp());
          }};
}
