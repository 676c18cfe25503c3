//===- Passes.h - Target-neutral code generation passes ---------*- C++ -*-===//
#ifndef LOOM_CODEGEN_COMMON_PASSES_H
#define LOOM_CODEGEN_COMMON_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace loom {

/// Result attribute `loom.tied_to = <argument index>`: the result is the new
/// value of that argument and is written into the argument's buffer in place
/// (see `loom-results-to-out-params`).
inline constexpr llvm::StringLiteral kTiedToAttrName = "loom.tied_to";

#define GEN_PASS_DECL
#include "loom/Codegen/Common/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "loom/Codegen/Common/Passes.h.inc"
} // namespace loom

#endif
