//===- CPUBackend.h - The CPU target: descriptions from LLVM ----*- C++ -*-===//
//
// The "cpu" backend generates code for a CPU of the host's architecture
// (x86-64 here) through LLVM, naming the CPU as LLVM does: "znver4",
// "x86-64-v3", "skylake-avx512", or "host" for the CPU this process runs on.
// describeCPU asks LLVM what such a CPU has (see docs/architecture.md,
// "Targets", for where each number comes from).
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_TARGET_CPU_CPUBACKEND_H
#define LOOM_TARGET_CPU_CPUBACKEND_H

#include "loom/Codegen/CPU/CPUTarget.h"
#include "loom/Pipelines/Pipelines.h"
#include "loom/Support/Error.h"
#include "loom/Target/TargetBackend.h"

#include <memory>
#include <string_view>

namespace llvm {
class Module;
} // namespace llvm

namespace loom {

/// The CPU `cpuName` (an LLVM CPU name, or "host") of the host's
/// architecture with `features` (comma-separated +name/-name) on top of its
/// own: triple, resolved CPU name and features, vector width and register
/// count, FMA units and cache sizes. An error names an unknown CPU or
/// feature and lists the valid names.
Expected<CPUTarget> describeCPU(std::string_view cpuName,
                                std::string_view features = "");

/// An error unless code for `target` runs on the CPU this process runs on:
/// the same architecture, and no instruction set feature the host lacks.
Expected<void> checkCPURunsOnHost(const CPUTarget &target);

/// The LLVM machine that generates `target`'s code (for the JIT, whose
/// settings it uses, and for --emit=asm|obj).
Expected<std::unique_ptr<llvm::TargetMachine>>
createCPUTargetMachine(const CPUTarget &target, llvm::CodeGenOptLevel optLevel,
                       bool positionIndependent = false);

/// Optimizes `module` (the last stage's code, translated) with LLVM's
/// default pipeline at `optLevel` (0-3), less the loop unroller and the loop
/// vectorizer: MLIR has already shaped the loops and vectors. When
/// `timing` is enabled, every pass is timed in it.
void optimizeCPUModule(llvm::Module &module, llvm::TargetMachine &machine,
                       unsigned optLevel, mlir::TimingScope &timing);

/// Registers with mlir-opt style tools: `loom-cpu-pipeline` (every stage;
/// options `stop-after=<stage>`, `cpu=<LLVM CPU name>`, `features=+a,-b`,
/// `threads=N`) and `loom-cpu-codegen` (the stages after `linalg`, for
/// linalg-on-tensors input; options `cpu=`, `features=`, `threads=`). Without
/// `cpu=` both target the generic CPUTarget, whatever the machine.
void registerCPUPipelines();

/// What every target whose code, or host code, runs on a CPU shares: the
/// LLVM machine, LLVM IR pipeline and host check of `cpu.target`.
class CPUHostedTarget : public CodegenTarget {
public:
  explicit CPUHostedTarget(CPUCodegenOptions cpu) : cpu(std::move(cpu)) {}

  Expected<std::unique_ptr<llvm::TargetMachine>>
  createTargetMachine(llvm::CodeGenOptLevel optLevel,
                      bool positionIndependent) const override;
  void optimizeLLVMModule(llvm::Module &module, llvm::TargetMachine &machine,
                          unsigned optLevel,
                          mlir::TimingScope &timing) const override;
  Expected<void> checkRunsOnHost() const override;

protected:
  CPUCodegenOptions cpu;
};

/// The backend registered as "cpu".
std::unique_ptr<TargetBackend> createCPUBackend();

} // namespace loom

#endif
