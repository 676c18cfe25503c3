//===- ElementwiseFusionPolicy.cpp - Which ops the CPU fuses --------------===//
#include "loom/Codegen/CPU/ElementwiseFusionPolicy.h"

#include "loom/Conversion/LoomToLinalg/TransposedConvolution.h"

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

/// Nothing is fused into a transposed convolution: the product that
/// computes it (col2im) reads its operands as they are, and a fused
/// expression would be evaluated once per filter tap.
bool fusesIntoItsUser(OpOperand *fusedOperand) {
  auto user = dyn_cast<linalg::LinalgOp>(fusedOperand->getOwner());
  return producerHasOneUse(fusedOperand) &&
         !(user && loom::matchTransposedConvolution(user));
}

} // namespace

loom::ElementwiseFusionPolicy loom::cpuElementwiseFusionPolicy() {
  return {fusesIntoItsUser, [](OpOperand *fusedOperand) {
            // The reshape is the operand's producer (folded into its
            // consumer) or its user (folding the producing op): neither
            // side may be a reduction.
            return producerHasOneUse(fusedOperand) &&
                   !hasReductionLoops(fusedOperand->getOwner()) &&
                   !hasReductionLoops(fusedOperand->get().getDefiningOp());
          }};
}
