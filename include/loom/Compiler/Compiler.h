//===- Compiler.h - Compile loom modules ------------------------*- C++ -*-===//
//
// loom::Compiler turns a module in the loom dialect (MLIR text) into a
// loom::Executable: parse and verify, lower through the named stages of the
// target backend (CompilerOptions::target, see loom/Target/TargetBackend.h),
// translate to LLVM IR, optimize and JIT-compile for the chosen CPU. Every
// failure is a loom::Error of a kind (an invalid option is InvalidArgument;
// IR that does not parse or verify, InvalidIR; a failing pipeline,
// CompileFailure) whose message carries MLIR's diagnostics as
// `file:line:col: error: ...`; a failing pipeline also names its stage and
// pass. `saveArtifact` writes the compiled code to disk for LoomRuntime alone
// to load (loom/Runtime/Artifact.h). To compile a module you already hold as
// MLIR IR, see
// loom/Compiler/MLIRCompile.h.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_COMPILER_COMPILER_H
#define LOOM_COMPILER_COMPILER_H

#include "loom/Runtime/Artifact.h"
#include "loom/Runtime/Executable.h"
#include "loom/Support/Error.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace loom {

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
  /// (`loweringStages`).
  unsigned threads = 1;
  /// Checks every float result for NaN and Inf as the code runs (the
  /// `loom-check-numerics` pass): a run that produces one fails with an
  /// Error naming the first op, in program order, that did, with its source
  /// location. Off by default; when off nothing is added to the code. When
  /// on, every checked result is scanned once more and elementwise ops whose
  /// value is checked no longer fuse, so compiles and runs are slower.
  bool checkNumerics = false;
  /// Reuses machine code from an on-disk cache (docs/embedding.md, "The
  /// compile cache"): a module compiled before with the same options, for
  /// the same target, by the same build of Loom, loads in milliseconds; a
  /// new one is compiled, saved there as an artifact and loaded from it.
  /// Off by default in the API and the examples (`--cache`); on in loomc
  /// (`--no-cache`). Code with `checkNumerics` is never cached.
  bool cache = false;
  /// The cache's directory; empty: $LOOM_CACHE_DIR, else
  /// $XDG_CACHE_HOME/loom, else $HOME/.cache/loom.
  std::string cacheDirectory;
  /// Past this total size, the least recently used entries are removed.
  uint64_t cacheLimitBytes = uint64_t(1) << 30;
  /// Prints, to stderr when the compile ends, the wall and CPU time of
  /// every MLIR pass (by stage) and of LLVM's phases: translation, its IR
  /// optimizer and machine code generation (`loomc --timing`).
  bool timing = false;
  /// The target backend by name (`loomc --target=`): "cpu", "nvptx" (NVIDIA
  /// GPUs; running the code needs a CUDA driver, docs/gpu.md) or
  /// "nvptx-host" (the GPU strategy run on the host CPU, to check it).
  /// See loom/Target/TargetBackend.h.
  std::string target = "cpu";
  /// The CPU the code is for (`--cpu=`): an LLVM CPU name such as "znver4"
  /// or "x86-64-v3", or "host", the CPU this process runs on. The strategy
  /// sizes tiles from its description and LLVM selects its instructions; the
  /// JIT refuses a CPU with features the host lacks.
  std::string cpu = "host";
  /// LLVM features on top of the CPU's (`--cpu-features=`), comma-separated
  /// +name/-name, e.g. "-avx512f"; empty: the CPU's own.
  std::string cpuFeatures;
  /// The GPU architecture of the "nvptx" and "nvptx-host" targets
  /// (`--gpu-arch=`): sm_80, sm_86, sm_89 or sm_90. The host code is for
  /// `cpu`, and `threads` must be 1.
  std::string gpuArch = "sm_80";
  /// On "nvptx", f32 matrix products on tensor cores with TF32 inputs (10
  /// mantissa bits; `--gpu-tf32`): about three times faster than the
  /// default, three TF32 products that keep f32 accuracy, and results that
  /// differ from f32 at 2^-11 relative.
  bool gpuTF32 = false;
};

/// Whether this Loom was built with OpenMP (LOOM_ENABLE_OPENMP, the default):
/// without it, CompilerOptions::threads above 1 is an Unsupported error.
bool threadsSupported();

/// What `emit` can produce, by name, in order: the IR after each stage of
/// `options.target` (for "cpu": loom, linalg, strategy, tiled, vectorized,
/// bufferized, llvm), then what follows the last stage: llvmir (LLVM IR
/// after the optimizer at `optLevel`), asm (the CPU's assembly) and obj (an
/// ELF object file, binary bytes). An error if the target is unknown.
Expected<std::vector<std::string>> emitNames(const CompilerOptions &options = {});

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

  /// Compiles MLIR text ahead of time into `directory` (created if needed):
  /// `<name>.o`, an ELF object exporting one function per entry
  /// (`loom_<name>_<entry>`, everything else internal), `<name>.h`, the C++
  /// header declaring them with one typed function per entry, and
  /// `manifest.txt`. A program links the object and LoomRuntime only
  /// (docs/embedding.md, "Ahead of time"). `name` must be a C identifier
  /// (else InvalidArgument); code with NaN/Inf checks cannot be emitted
  /// (Unsupported). Returns the signatures written.
  Expected<ArtifactInfo> emitAheadOfTime(std::string_view mlirText,
                                         std::string_view bufferName,
                                         const std::string &directory,
                                         const std::string &name) const;

  /// Lowers MLIR text as far as `emitName` (one of emitNames()) asks and
  /// returns the result.
  Expected<std::string> emitSource(std::string_view mlirText,
                                   std::string_view bufferName,
                                   std::string_view emitName) const;

private:
  CompilerOptions compilerOptions;
};

} // namespace loom

#endif
