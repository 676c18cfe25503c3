//===- LoweringHelpers.h - Shared builders for LoomToLinalg -----*- C++ -*-===//
//
// Small builders the loom-to-linalg patterns share. Private to this library.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_LIB_CONVERSION_LOOMTOLINALG_LOWERINGHELPERS_H
#define LOOM_LIB_CONVERSION_LOOMTOLINALG_LOWERINGHELPERS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Value.h"

namespace loom::detail {
/// Computes one result element from the scalar inputs of an elementwise op.
using ScalarBodyBuilder = llvm::function_ref<mlir::Value(
    mlir::OpBuilder &, mlir::Location, mlir::ValueRange)>;

/// `tensor.empty` of `type`'s static shape.
mlir::Value createEmptyTensor(mlir::OpBuilder &builder, mlir::Location loc,
                              mlir::RankedTensorType type);

/// `tensor.empty` of `type` filled with `value` by `linalg.fill`.
mlir::Value createFilledTensor(mlir::OpBuilder &builder, mlir::Location loc,
                               mlir::RankedTensorType type, mlir::Value value);

/// A scalar float constant of `type`.
mlir::Value createFloatConstant(mlir::OpBuilder &builder, mlir::Location loc,
                                mlir::Type type, double value);

/// A `linalg.generic` producing `resultType` with identity maps on every input
/// and parallel iterators, whose body is `bodyBuilder` applied to the inputs'
/// scalars.
mlir::Value createElementwiseGeneric(mlir::OpBuilder &builder,
                                     mlir::Location loc,
                                     mlir::RankedTensorType resultType,
                                     mlir::ValueRange inputs,
                                     ScalarBodyBuilder bodyBuilder);
} // namespace loom::detail

#endif
