//===- ElementwiseFusionPolicy.h - Which ops the CPU fuses ------*- C++ -*-===//
#ifndef LOOM_CODEGEN_CPU_ELEMENTWISEFUSIONPOLICY_H
#define LOOM_CODEGEN_CPU_ELEMENTWISEFUSIONPOLICY_H

#include "loom/Codegen/Common/ElementwiseFusion.h"

namespace loom {

/// The CPU's elementwise fusion: a producer is fused into its only user (as
/// upstream does), and reshapes are never propagated into or out of an op
/// with reduction loops, whose iteration space stays the one the register
/// tiles of loom-cpu-select-lowering-config vectorize well.
ElementwiseFusionPolicy cpuElementwiseFusionPolicy();

} // namespace loom

#endif
