//===- GPUTarget.h - What the GPU code generator targets --------*- C++ -*-===//
//
// The facts about an NVIDIA GPU that the GPU lowering strategy reads and the
// names that select its PTX. loom::describeGPU (Target) fills one from an
// architecture name such as "sm_80".
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_CODEGEN_GPU_GPUTARGET_H
#define LOOM_CODEGEN_GPU_GPUTARGET_H

#include <cstdint>
#include <string>

namespace loom {

struct GPUTarget {
  /// The compute capability as a number: 80 for sm_80.
  unsigned sm = 80;
  /// The PTX ISA version the code is written in, as LLVM's NVPTX feature
  /// names it ("+ptx80" for PTX 8.0): the oldest that knows `sm`.
  std::string ptxFeature = "+ptx80";
  /// Threads of a warp, the most threads of one block, and the shared
  /// memory one block may use without opting in to more.
  unsigned warpSize = 32;
  unsigned maxThreadsPerBlock = 1024;
  uint64_t sharedMemoryPerBlock = 48 * 1024;

  /// "sm_80".
  std::string archName() const { return "sm_" + std::to_string(sm); }
};

} // namespace loom

#endif
