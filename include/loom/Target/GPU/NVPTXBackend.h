//===- NVPTXBackend.h - The NVIDIA GPU targets ------------------*- C++ -*-===//
//
// The "nvptx" backend generates kernels for an NVIDIA GPU as PTX (through
// LLVM's NVPTX backend, which needs no CUDA installation) and host code for
// this CPU that launches them through the CUDA driver, which the runtime
// loads when the code first runs. The architecture is named as CUDA names
// it: "sm_80", "sm_86", "sm_89", "sm_90".
//
// "nvptx-host" is the same strategy, tiles and mapping, with the mapped
// loops lowered for the host CPU instead of outlined into kernels: its code
// runs on any machine, so the GPU strategy is checked numerically against
// the reference evaluator without a GPU (docs/gpu.md).
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_TARGET_GPU_NVPTXBACKEND_H
#define LOOM_TARGET_GPU_NVPTXBACKEND_H

#include "loom/Codegen/GPU/GPUTarget.h"
#include "loom/Support/Error.h"
#include "loom/Target/TargetBackend.h"

#include <memory>
#include <string_view>

namespace loom {

/// The architectures `describeGPU` knows, for messages: "sm_80, sm_86, ...".
std::string_view knownGPUArchitectures();

/// The GPU `arch` ("sm_80", ...) names: its compute capability, the PTX
/// version that knows it, and its per-block limits. An error names an
/// unknown architecture and lists the known ones.
Expected<GPUTarget> describeGPU(std::string_view arch);

/// The backends registered as "nvptx" and "nvptx-host".
std::unique_ptr<TargetBackend> createNVPTXBackend();
std::unique_ptr<TargetBackend> createNVPTXHostEmulationBackend();

} // namespace loom

#endif
