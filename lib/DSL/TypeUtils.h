//===- TypeUtils.h - DType <-> MLIR type mapping (private) ------*- C++ -*-===//
#ifndef LOOM_LIB_DSL_TYPEUTILS_H
#define LOOM_LIB_DSL_TYPEUTILS_H

#include "loom/DSL/Graph.h"
#include "loom/Support/DTypeMLIR.h"

#include "mlir/IR/BuiltinTypes.h"

namespace loom::dsl::detail {

mlir::RankedTensorType tensorType(mlir::MLIRContext &context,
                                  const Shape &shape, DType dtype);
/// Throws unless every dimension is positive.
void checkShape(std::string_view opName, const Shape &shape,
                SourceLocation loc);

} // namespace loom::dsl::detail

#endif
