//===- Passes.h - GPU code generation passes --------------------*- C++ -*-===//
#ifndef LOOM_CODEGEN_GPU_PASSES_H
#define LOOM_CODEGEN_GPU_PASSES_H

#include "loom/Codegen/GPU/GPUTarget.h"
#include "loom/Dialect/Loom/IR/LoomDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace loom {

#define GEN_PASS_DECL
#include "loom/Codegen/GPU/Passes.h.inc"

/// `loom-gpu-attach-target` with the options of `target`.
std::unique_ptr<mlir::Pass> createAttachGPUTarget(const GPUTarget &target);

#define GEN_PASS_REGISTRATION
#include "loom/Codegen/GPU/Passes.h.inc"
} // namespace loom

#endif
