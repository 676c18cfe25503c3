//===- UpdateTiedInPlace.cpp - Tied updates written in their argument -----===//
//
// A parameter update such as `w - lr * g` reads the parameter and produces
// its new value. Written into its own tensor and read from a separate operand,
// the tiled update would read the parameter after earlier tiles wrote it, as
// far as bufferization can tell, and the parameter would be copied whole.
// Reading the old value from the op's own init makes each tile a read and a
// write of the same slice.
//
//===----------------------------------------------------------------------===//
#include "loom/Codegen/Common/Passes.h"

#include "loom/Codegen/Common/Bufferization.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace loom {
#define GEN_PASS_DEF_UPDATETIEDINPLACE
#include "loom/Codegen/Common/Passes.h.inc"
} // namespace loom

using namespace mlir;

namespace {

/// The tensor a tied argument's buffer is read through, if `materialize`
/// writes a tied result.
Value tiedArgumentTensor(bufferization::MaterializeInDestinationOp materialize) {
  // Tied materializations are the ones without `restrict`.
  if (materialize.getRestrict() ||
      !isa<BaseMemRefType>(materialize.getDest().getType()))
    return {};
  bufferization::ToTensorOp toTensor =
      loom::restrictedTensorOf(materialize.getDest());
  return toTensor ? toTensor.getResult() : Value();
}

/// Makes `generic` compute result `index` in `argument` when it reads
/// `argument` with the same indexing map as that result's empty init.
void computeInArgument(linalg::GenericOp generic, unsigned index,
                       Value argument) {
  OpOperand *init = generic.getDpsInitOperand(index);
  if (!init->get().getDefiningOp<tensor::EmptyOp>())
    return;
  BlockArgument initValue = generic.getMatchingBlockArgument(init);
  if (!initValue.use_empty())
    return;
  AffineMap resultMap = generic.getMatchingIndexingMap(init);
  for (OpOperand *input : generic.getDpsInputOperands()) {
    if (input->get() != argument ||
        generic.getMatchingIndexingMap(input) != resultMap)
      continue;
    generic.getMatchingBlockArgument(input).replaceAllUsesWith(initValue);
    init->set(argument);
    return;
  }
}

struct UpdateTiedInPlacePass
    : loom::impl::UpdateTiedInPlaceBase<UpdateTiedInPlacePass> {
  void runOnOperation() override {
    getOperation().walk([](bufferization::MaterializeInDestinationOp op) {
      Value argument = tiedArgumentTensor(op);
      auto result = dyn_cast<OpResult>(op.getSource());
      if (!argument || !result)
        return;
      if (auto generic = dyn_cast<linalg::GenericOp>(result.getOwner()))
        computeInArgument(generic, result.getResultNumber(), argument);
    });
  }
};

} // namespace
