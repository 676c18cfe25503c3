//===- Passes.h - Loom conversion passes ------------------------*- C++ -*-===//
#ifndef LOOM_CONVERSION_PASSES_H
#define LOOM_CONVERSION_PASSES_H

#include "loom/Conversion/LoomToLinalg/LoomToLinalg.h"

#include "mlir/Pass/Pass.h"

namespace loom {
#define GEN_PASS_DECL
#include "loom/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "loom/Conversion/Passes.h.inc"
} // namespace loom

#endif
