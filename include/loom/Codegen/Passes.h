//===- Passes.h - Loom CPU code generation passes ---------------*- C++ -*-===//
#ifndef LOOM_CODEGEN_PASSES_H
#define LOOM_CODEGEN_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace loom {

#define GEN_PASS_DECL
#include "loom/Codegen/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "loom/Codegen/Passes.h.inc"
} // namespace loom

#endif
