//===- Artifact.h - Compiled code apart from the compiler -------*- C++ -*-===//
//
// An Executable is machine code behind a CodeLibrary plus what the runtime
// must know to call it (ArtifactInfo: every entry's signature, the thread
// count it was compiled for, its target). LoomRuntime never compiles: the
// JIT of LoomCompiler is one CodeLibrary, a shared library saved by
// loom::saveArtifact (loom/Compiler/Compiler.h) and loaded by `loadArtifact`
// is another. LoomRuntime links no MLIR or LLVM library.
//
// An artifact is a directory of two files:
//
//   manifest.txt       the signatures, in the text format of `formatManifest`
//   code-XXXXXXXX.so   the module's machine code, a shared library whose entry
//                      `E` is called through `_mlir__mlir_ciface_E(void **args)`
//                      (one pointer per memref descriptor: inputs, then one
//                      output per untied result). Each save picks a new name,
//                      which the manifest records: dlopen returns a library
//                      already loaded under the same path, so a re-saved
//                      artifact must not reuse its predecessor's name.
//
// The manifest, version 2 (version 1 lacks `state` and is still read), one
// record per line, fields separated by spaces,
// names quoted ("..." with \" \\ \n escapes), shapes as [d0,d1,...]:
//
//   loom-artifact 2
//   target "host-cpu" "znver4"
//   threads 1
//   library "code-1a2b3c4d.so"
//   entry "train_step"
//   arg param "w" f32 [2,3] init xavier_uniform 1
//   arg input "x" f32 [8,2]
//   arg state "w.momentum" f32 [2,3]
//   arg plain "arg2" i64 []
//   result f32 [2,3] tied 0
//   result f32 []
//   end
//
// Every entry record is closed by `end`; a missing, truncated or malformed
// manifest or library is an ErrorKind::IO error that names the file and line.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_RUNTIME_ARTIFACT_H
#define LOOM_RUNTIME_ARTIFACT_H

#include "loom/Runtime/Executable.h"
#include "loom/Support/Error.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace loom {

/// Where an Executable's machine code lives.
class CodeLibrary {
public:
  virtual ~CodeLibrary();
  /// The address of `symbol`, or null when the library does not define it.
  virtual void *lookup(const std::string &symbol) const = 0;
};

/// The manifest's word for `kind`: "param", "input", "state" or "plain".
std::string_view argumentKindName(ArgumentKind kind);

/// `_mlir__mlir_ciface_<entry>`: the packed wrapper the runtime calls.
std::string packedEntrySymbol(std::string_view entry);

/// A `loom.check_finite` of the module, for the message of its report.
struct NumericCheckSite {
  /// `file:line:col: ` of the checked op, or empty.
  std::string location;
  /// The checked op, e.g. "loom.log".
  std::string producer;
};

/// ArtifactInfo::targetBackend of code that launches GPU kernels: its
/// entries take device memory, which the runtime stages (docs/gpu.md).
inline constexpr std::string_view kGPUTargetBackend = "nvptx";

struct ArtifactInfo {
  std::vector<Signature> signatures;
  /// The target the code was compiled for: backend ("host-cpu", or
  /// kGPUTargetBackend) and the host CPU's name.
  std::string targetBackend = "host-cpu";
  std::string targetCPU;
  unsigned threads = 1;
  /// The shared library's file name, in the artifact's directory.
  std::string library;
  /// The NaN/Inf checks by id (JIT only: artifacts are saved without them).
  std::map<int64_t, NumericCheckSite> numericChecks;
};

/// An Executable calling into `library`: every entry of `info` must have its
/// packed wrapper there, or the result is an error.
Expected<Executable> makeExecutable(std::unique_ptr<CodeLibrary> library,
                                    ArtifactInfo info);

/// The runtime functions compiled code calls, by symbol name: the NaN/Inf
/// checks (loom/Support/NonFiniteReport.h) and the collectives
/// (loom/Support/Collectives.h), for a JIT to resolve them.
std::vector<std::pair<std::string, void *>> runtimeSupportSymbols();

/// The manifest text of `info`; `numericChecks` are not part of it.
std::string formatManifest(const ArtifactInfo &info);
/// Parses manifest text; `fileName` names it in errors.
Expected<ArtifactInfo> parseManifest(std::string_view text,
                                     std::string_view fileName);

inline constexpr const char *kArtifactManifestFile = "manifest.txt";

/// Loads the artifact in `directory` (dlopen of the library its manifest
/// names).
Expected<Executable> loadArtifact(const std::string &directory);

} // namespace loom

#endif
