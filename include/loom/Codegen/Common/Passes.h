//===- Passes.h - Target-neutral code generation passes ---------*- C++ -*-===//
#ifndef LOOM_CODEGEN_COMMON_PASSES_H
#define LOOM_CODEGEN_COMMON_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace loom {

#define GEN_PASS_DECL
#include "loom/Codegen/Common/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "loom/Codegen/Common/Passes.h.inc"
} // namespace loom

#endif
