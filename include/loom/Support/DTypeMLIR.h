//===- DTypeMLIR.h - loom::DType <-> MLIR element types ---------*- C++ -*-===//
//
// The one mapping between the runtime's element types and MLIR's, shared by
// the DSL (which builds tensor types) and the runtime (which reads entry
// signatures). Header-only, so neither library links the other.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_SUPPORT_DTYPEMLIR_H
#define LOOM_SUPPORT_DTYPEMLIR_H

#include "loom/Support/DType.h"

#include "mlir/IR/BuiltinTypes.h"

#include <optional>

namespace loom {

/// The MLIR element type of `dtype`.
inline mlir::Type elementTypeOf(mlir::MLIRContext &context, DType dtype) {
  switch (dtype) {
  case DType::F32:
    return mlir::Float32Type::get(&context);
  case DType::F64:
    return mlir::Float64Type::get(&context);
  case DType::I1:
    return mlir::IntegerType::get(&context, 1);
  case DType::I32:
    return mlir::IntegerType::get(&context, 32);
  case DType::I64:
    return mlir::IntegerType::get(&context, 64);
  }
  return {};
}

/// The DType of an MLIR element type; none for a type a loom::Tensor cannot
/// hold (f16, index, signed integers, ...).
inline std::optional<DType> dtypeOfElementType(mlir::Type type) {
  if (type.isF32())
    return DType::F32;
  if (type.isF64())
    return DType::F64;
  if (type.isSignlessInteger(1))
    return DType::I1;
  if (type.isSignlessInteger(32))
    return DType::I32;
  if (type.isSignlessInteger(64))
    return DType::I64;
  return std::nullopt;
}

} // namespace loom

#endif
