//===- Passes.h - CPU code generation passes --------------------*- C++ -*-===//
#ifndef LOOM_CODEGEN_CPU_PASSES_H
#define LOOM_CODEGEN_CPU_PASSES_H

#include "loom/Codegen/CPU/CPUTarget.h"
#include "loom/Dialect/Loom/IR/LoomDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace loom {

#define GEN_PASS_DECL
#include "loom/Codegen/CPU/Passes.h.inc"

/// `loom-cpu-attach-target` with the options of `target`.
std::unique_ptr<mlir::Pass> createAttachCPUTarget(const CPUTarget &target);

#define GEN_PASS_REGISTRATION
#include "loom/Codegen/CPU/Passes.h.inc"
} // namespace loom

#endif
