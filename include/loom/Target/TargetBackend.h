//===- TargetBackend.h - Code generation targets, by name -------*- C++ -*-===//
//
// A TargetBackend is one kind of machine Loom generates code for, chosen by
// name (`loomc --target=NAME`, CompilerOptions::target): what it produces, the
// named stages that lower a loom module for it, and how it turns a selection
// (a CPU name, features, a GPU architecture) into a description of one
// machine. The host's CPU family is the backend "cpu"; NVIDIA GPUs are
// "nvptx" (and "nvptx-host", its strategy run on the host), registrations
// with their own stages.
//
// Resolving a selection gives a CodegenTarget, the backend bound to one
// machine: it builds each stage's passes for that machine, creates the LLVM
// TargetMachine that translates the last stage to machine code, and says
// whether code for it can run in this process (the JIT).
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_TARGET_TARGETBACKEND_H
#define LOOM_TARGET_TARGETBACKEND_H

#include "loom/Support/Error.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Support/Timing.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CodeGen.h"

#include <memory>
#include <string>
#include <vector>

namespace llvm {
class Module;
class TargetMachine;
} // namespace llvm

namespace loom {

/// What a backend's code generation produces from the last stage.
enum class ArtifactKind {
  /// A relocatable object file for the target triple (ELF on Linux), which
  /// the JIT links in memory and an ahead-of-time build links into a shared
  /// library.
  ObjectFile,
  /// Such an object for the host CPU, launching GPU kernels whose PTX it
  /// holds (`--emit=ptx` writes that PTX).
  ObjectFileWithPTX,
};

/// The name of an artifact kind, for messages: "object file".
llvm::StringRef artifactKindName(ArtifactKind kind);

/// The user's choice of machine within a backend.
struct TargetSelection {
  /// LLVM CPU name (e.g. "znver4", "x86-64-v3") or "host": the CPU this
  /// process runs on, with the features it reports.
  std::string cpu = "host";
  /// LLVM features added to (+name) or removed from (-name) the CPU's own,
  /// comma-separated, e.g. "-avx512f"; empty: the CPU's.
  std::string features;
  /// Threads that run the generated code (CompilerOptions::threads).
  unsigned threads = 1;
  /// The GPU architecture of a GPU backend, e.g. "sm_80"; CPU backends
  /// ignore it.
  std::string gpuArch = "sm_80";
  /// A GPU backend's f32 tensor-core products with one TF32 product instead
  /// of three (CompilerOptions::gpuTF32).
  bool gpuTF32 = false;
};

/// One named stage of a backend's pipeline, as data.
struct StageInfo {
  llvm::StringRef name;
  llvm::StringRef summary;
};

/// A backend bound to one machine.
class CodegenTarget {
public:
  virtual ~CodegenTarget() = default;

  /// The stages, in order; the same as the backend's.
  virtual llvm::ArrayRef<StageInfo> stages() const = 0;
  /// Adds the passes of `stages()[index]` for this machine to `pm`.
  virtual void buildStage(size_t index, mlir::OpPassManager &pm) const = 0;
  /// The machine that translates the last stage's LLVM IR, at `optLevel`;
  /// `positionIndependent` for code linked into a shared library.
  virtual Expected<std::unique_ptr<llvm::TargetMachine>>
  createTargetMachine(llvm::CodeGenOptLevel optLevel,
                      bool positionIndependent) const = 0;
  /// Runs this machine's LLVM IR pipeline at `optLevel` (0-3) on `module`,
  /// the last stage's code translated to LLVM IR; when `timing` is enabled,
  /// its passes are timed in it.
  virtual void optimizeLLVMModule(llvm::Module &module,
                                  llvm::TargetMachine &machine,
                                  unsigned optLevel,
                                  mlir::TimingScope &timing) const = 0;
  /// An error unless code for this machine can run in this process: the
  /// JIT refuses code that would stop at an instruction the host lacks.
  virtual Expected<void> checkRunsOnHost() const = 0;
  /// Whether the code launches GPU kernels: it then runs only where the
  /// runtime finds a GPU driver, and takes device memory.
  virtual bool launchesGPUKernels() const { return false; }
  /// The machine's description in one line, e.g. "cpu x86-64-v3:
  /// 256-bit vectors, 16 vector registers, ...", for tools and logs.
  virtual std::string summary() const = 0;
};

/// One kind of machine Loom generates code for.
class TargetBackend {
public:
  virtual ~TargetBackend() = default;

  /// The name `--target=` takes, e.g. "cpu".
  virtual llvm::StringRef name() const = 0;
  /// One line for --help and messages.
  virtual llvm::StringRef description() const = 0;
  virtual ArtifactKind artifactKind() const = 0;
  /// Every stage, in order. The first two, loom and linalg, are
  /// target-neutral; the last ends in the LLVM dialect.
  virtual llvm::ArrayRef<StageInfo> stages() const = 0;
  /// Describes the machine `selection` names; an error names a selection
  /// the backend does not know (an unknown CPU or feature) and the valid
  /// choices.
  virtual Expected<std::unique_ptr<CodegenTarget>>
  resolve(const TargetSelection &selection) const = 0;
};

/// The backend named `name`, or null. The built-in backends ("cpu") are
/// registered on first use.
const TargetBackend *lookupTargetBackend(llvm::StringRef name);
/// Every registered backend, in registration order.
std::vector<const TargetBackend *> targetBackends();
/// The backend named `name`, or an error listing the registered names.
Expected<const TargetBackend *> targetBackendNamed(llvm::StringRef name);
/// Adds a backend; an error if its name is taken.
Expected<void> registerTargetBackend(
    std::unique_ptr<TargetBackend> backend);

} // namespace loom

#endif
