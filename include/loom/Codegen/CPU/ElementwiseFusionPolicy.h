//===- ElementwiseFusionPolicy.h - Which ops the CPU fuses ------*- C++ -*-===//
#ifndef LOOM_CODEGEN_CPU_ELEMENTWISEFUSIONPOLICY_H
#define LOOM_CODEGEN_CPU_ELEMENTWISEFUSIONPOLICY_H

#include "loom/Codegen/Common/ElementwiseFusion.h"

#include <cstdint>

namespace loom {

/// The most ops a fused elementwise body may hold. Every fusion copies both
/// bodies into a new op, so fusing a chain of N ops into one costs N^2 and
/// gives LLVM one basic block of N ops' code, whose scheduling is quadratic
/// too; a kernel of this many ops already spends far more time computing
/// than reading and writing its tensors, so splitting longer chains costs
/// nothing measurable at run time and keeps compile time linear in N.
inline constexpr int64_t kMaxFusedBodyOps = 64;

/// The CPU's elementwise fusion: a producer is fused into its only user (as
/// upstream does) while the fused body has at most kMaxFusedBodyOps ops,
/// and reshapes are never propagated into or out of an op
/// with reduction loops, whose iteration space stays the one the register
/// tiles of loom-cpu-select-lowering-config vectorize well.
ElementwiseFusionPolicy cpuElementwiseFusionPolicy();

} // namespace loom

#endif
