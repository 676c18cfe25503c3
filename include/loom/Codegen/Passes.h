//===- Passes.h - Loom code generation passes -------------------*- C++ -*-===//
//
// Every code generation pass: the target-neutral ones (Codegen/Common) and
// the CPU's (Codegen/CPU) and the GPU's (Codegen/GPU).
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_CODEGEN_PASSES_H
#define LOOM_CODEGEN_PASSES_H

#include "loom/Codegen/CPU/Passes.h"
#include "loom/Codegen/Common/Passes.h"
#include "loom/Codegen/GPU/Passes.h"

namespace loom {

inline void registerLoomCodegenPasses() {
  registerLoomCodegenCommonPasses();
  registerLoomCodegenCPUPasses();
  registerLoomCodegenGPUPasses();
}

} // namespace loom

#endif
