//===- Compiler.h - Compile loom modules for the host CPU -------*- C++ -*-===//
//
// loom::Compiler turns a module in the loom dialect (MLIR text) into a
// loom::Executable: parse and verify, lower through the stages of
// loom::buildCPUPipeline, translate to LLVM IR, optimize and JIT-compile for
// the host CPU. Every failure is a loom::Error of a kind (an invalid option is
// InvalidArgument; IR that does not parse or verify, InvalidIR; a failing
// pipeline, CompileFailure) whose message carries MLIR's diagnostics as
// `file:line:col: error: ...`; a failing pipeline also names its stage and
// pass. `saveArtifact` writes the compiled code to disk for LoomRuntime alone
// to load (loom/Runtime/Artifact.h). To compile a module you already hold as MLIR IR, see
// loom/Compiler/MLIRCompile.h.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_RUNTIME_COMPILER_H
#define LOOM_RUNTIME_COMPILER_H

#include "loom/Runtime/Executable.h"
#include "loom/Support/Error.h"

#include <optional>
#include <string>
#include <string_view>

namespace loom {

/// Where the code runs. The host CPU is the one target so far; code is tuned
/// for the detected CPU (e.g. znver4 with AVX-512).
enum class Target { HostCPU };

/// The most threads CompilerOptions::threads accepts.
inline constexpr unsigned kMaxThreads = 1024;

struct CompilerOptions {
  /// LLVM optimization level, 0 to 3, for both the IR optimizer and codegen.
  unsigned optLevel = 3;
  /// Threads that run the compiled code, 1 to kMaxThreads. With more than
  /// one, the parallel output tiles of large ops (matrix products,
  /// convolutions, big elementwise ops, reductions over rows) are split
  /// among a team of this many OpenMP threads (libomp from Debian's
  /// libomp-22-dev is loaded for the JIT); results are bit-identical to one
  /// thread, since no reduction is split. Applies to the CPU pipeline
  /// (`cpuLoweringStages`).
  unsigned threads = 1;
  /// Checks every float result for NaN and Inf as the code runs (the
  /// `loom-check-numerics` pass): a run that produces one fails with an
  /// Error naming the first op, in program order, that did, with its source
  /// location. Off by default; when off nothing is added to the code. When
  /// on, every checked result is scanned once more and elementwise ops whose
  /// value is checked no longer fuse, so compiles and runs are slower.
  bool checkNumerics = false;
  Target target = Target::HostCPU;
};

/// What `emit` produces: the IR after a stage, or host machine code.
enum class EmitKind {
  Loom,        ///< loom dialect, canonicalized
  Linalg,      ///< linalg on tensors, fused
  LLVMDialect, ///< MLIR's LLVM dialect
  LLVMIR,      ///< LLVM IR after the optimizer at `optLevel`
  Asm,         ///< host assembly
  Obj,         ///< host ELF object file (binary bytes)
};

/// "loom", "linalg", "llvm", "llvmir", "asm", "obj" (loomc's --emit names).
std::string_view emitKindName(EmitKind kind);
std::optional<EmitKind> parseEmitKind(std::string_view name);

class Compiler {
public:
  explicit Compiler(CompilerOptions options = {});
  const CompilerOptions &options() const { return compilerOptions; }

  /// Compiles MLIR text; `bufferName` is the file name in diagnostics.
  Expected<Executable> compileSource(std::string_view mlirText,
                                     std::string_view bufferName = "<source>") const;
  /// Reads and compiles an .mlir file.
  Expected<Executable> compileFile(const std::string &path) const;

  /// Compiles MLIR text into an artifact in `directory` (created if needed;
  /// an artifact there is replaced): a shared library and its manifest, which
  /// loom::loadArtifact (LoomRuntime alone) loads. Code with NaN/Inf checks
  /// cannot be saved (ErrorKind::Unsupported). Linking needs `cc` on PATH.
  Expected<void> saveArtifact(std::string_view mlirText,
                              std::string_view bufferName,
                              const std::string &directory) const;

  /// Lowers MLIR text as far as `kind` asks and returns the result.
  Expected<std::string> emitSource(std::string_view mlirText,
                                   std::string_view bufferName,
                                   EmitKind kind) const;

private:
  CompilerOptions compilerOptions;
};

} // namespace loom

#endif
