//===- LoomDialect.h - The loom dialect -------------------------*- C++ -*-===//
#ifndef LOOM_DIALECT_LOOM_IR_LOOMDIALECT_H
#define LOOM_DIALECT_LOOM_IR_LOOMDIALECT_H

#include "mlir/IR/Dialect.h"

#include "loom/Dialect/Loom/IR/LoomOpsDialect.h.inc"

namespace loom {
/// Argument attribute names recorded by the DSL on entry functions.
inline constexpr llvm::StringLiteral kParamAttrName = "loom.param";
inline constexpr llvm::StringLiteral kInitAttrName = "loom.init";
inline constexpr llvm::StringLiteral kInputAttrName = "loom.input";
} // namespace loom

#endif
