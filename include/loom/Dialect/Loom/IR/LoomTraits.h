//===- LoomTraits.h - Traits of loom ops ------------------------*- C++ -*-===//
#ifndef LOOM_DIALECT_LOOM_IR_LOOMTRAITS_H
#define LOOM_DIALECT_LOOM_IR_LOOMTRAITS_H

#include "mlir/IR/OpDefinition.h"

namespace loom::OpTrait {

/// For an op with InferTypeOpInterface: its inferred result types, or the
/// inference's own error, checked against its actual result types.
mlir::LogicalResult verifyInferredTypes(mlir::Operation *op);

/// Every loom op has it (see Loom_InferredTypesVerified in LoomDialect.td).
template <typename ConcreteType>
class InferredTypesVerified
    : public mlir::OpTrait::TraitBase<ConcreteType, InferredTypesVerified> {
public:
  static mlir::LogicalResult verifyTrait(mlir::Operation *op) {
    return verifyInferredTypes(op);
  }
};

} // namespace loom::OpTrait

#endif
