//===- CompileSession.h - One compilation in its own context ----*- C++ -*-===//
//
// Private to lib/Compiler. A CompileSession owns a fresh MLIRContext with every
// dialect, extension and LLVM translation the lowering needs, and collects all
// diagnostics emitted in it, so that any failure becomes one loom::Error whose
// message reads like MLIR's own output (`file:line:col: error: ...`).
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_LIB_COMPILER_COMPILESESSION_H
#define LOOM_LIB_COMPILER_COMPILESESSION_H

#include "loom/Compiler/MLIRCompile.h"
#include "loom/Runtime/Artifact.h"
#include "loom/Support/Diagnostics.h"
#include "loom/Target/TargetBackend.h"

#include "mlir/IR/BuiltinOps.h"

#include "llvm/IR/Module.h"
#include "llvm/Target/TargetMachine.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"
#include "mlir/Support/Timing.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace loom::detail {

/// What follows the last stage when emitting: "llvmir", "asm" or "obj".
enum class Translation { LLVMIR, Asm, Obj, PTX };

/// An error unless code for `target` can run in this process: GPU code needs
/// a CUDA driver (and has no NaN/Inf checks).
Expected<void> checkRunnable(const CodegenTarget &target,
                             const CompilerOptions &options);

/// The backend `options.target` bound to `options.cpu`, `options.cpuFeatures`
/// and `options.threads`.
Expected<std::shared_ptr<const CodegenTarget>>
resolveTarget(const CompilerOptions &options);
/// `target`'s stages as lowering stages, which keep `target` alive.
std::vector<LoweringStage>
loweringStagesOf(std::shared_ptr<const CodegenTarget> target);
/// The names of `stages`, then those of the translations.
std::vector<std::string> emitNamesOf(llvm::ArrayRef<StageInfo> stages,
                                     ArtifactKind kind);

class CompileSession {
public:
  CompileSession();
  ~CompileSession();

  /// Parses and verifies MLIR text; `bufferName` is the file in locations.
  Expected<mlir::OwningOpRef<mlir::ModuleOp>> parse(std::string_view text,
                                                    std::string_view bufferName);
  /// Copies `module`, from any context, into this session's context.
  Expected<mlir::OwningOpRef<mlir::ModuleOp>> copy(mlir::ModuleOp module);

  /// Signatures of the module's public functions, then the stages, then the
  /// JIT. `module` must belong to this session.
  Expected<Executable> compile(mlir::ModuleOp module,
                               const std::vector<LoweringStage> &stages,
                               const CompilerOptions &options);

  /// Compiles like `compile`, then links a shared library and writes it with
  /// its manifest into `directory` (loom/Runtime/Artifact.h).
  Expected<void> saveArtifact(mlir::ModuleOp module,
                              const std::vector<LoweringStage> &stages,
                              const CompilerOptions &options,
                              const std::string &directory);

  /// Compiles like `saveArtifact`, then writes into `directory` what a
  /// program links instead (loom/Compiler/AheadOfTime.h): `<name>.o`,
  /// `<name>.h` and `manifest.txt`. The signatures are returned.
  Expected<ArtifactInfo> emitAheadOfTime(mlir::ModuleOp module,
                                         const std::vector<LoweringStage> &stages,
                                         const CompilerOptions &options,
                                         const std::string &directory,
                                         const std::string &name);

  /// Everything the code compiled from `module` with `options` depends on,
  /// as text for the compile cache's key: the compiler's build, LLVM's
  /// version, the resolved target, the options and the module (bytecode,
  /// without locations). An error when the compiler has no build id to tell its
  /// builds apart, or the target's code cannot run in this process.
  Expected<std::string> cacheKeyMaterial(mlir::ModuleOp module,
                                         const CompilerOptions &options);

  /// Lowers `module` (of this session) as far as `emitName` asks.
  Expected<std::string> emit(mlir::ModuleOp module, std::string_view emitName,
                             const CompilerOptions &options);

private:
  /// Position-independent machine code of `module` and what calls it.
  struct CompiledObject {
    ArtifactInfo info;
    std::string object;
  };
  /// What `saveArtifact` and `emitAheadOfTime` share: the stages, LLVM's
  /// optimizer, the packed wrappers, then `prepareSymbols` (when given) on
  /// the LLVM module, then the object file.
  Expected<CompiledObject> compileObject(
      mlir::ModuleOp module, const std::vector<LoweringStage> &stages,
      const CompilerOptions &options,
      const std::function<Expected<void>(llvm::Module &,
                                         const std::vector<Signature> &)>
          &prepareSymbols);
  /// What `compile` and `saveArtifact` share: the signatures, the NaN/Inf
  /// checks (into `numericChecks`; when null, checks are an error) and the
  /// stages, which must end in entries of the runtime's calling convention.
  Expected<std::vector<Signature>>
  prepare(mlir::ModuleOp module, const std::vector<LoweringStage> &stages,
          const CompilerOptions &options,
          std::map<int64_t, NumericCheckSite> *numericChecks);
  /// Starts the timing report (CompilerOptions::timing): every MLIR pass
  /// and LLVM phase from here on is timed, and the report goes to stderr
  /// when the session ends.
  void startTiming();
  /// A timer nested in the report for one phase; a no-op timer when timing
  /// is off.
  mlir::TimingScope timePhase(llvm::StringRef name) {
    return timingRoot.nest(name);
  }
  /// Adds the NaN/Inf checks when `options` asks for them.
  Expected<void> instrument(mlir::ModuleOp module,
                                      const CompilerOptions &options);
  /// Runs `stages` in order; the error names the failing stage and pass.
  Expected<void> lower(mlir::ModuleOp module,
                                 const std::vector<LoweringStage> &stages);
  /// Translates the lowered `module` to LLVM IR in `llvmContext` and runs
  /// `target`'s LLVM pipeline at `optLevel` for `machine`.
  Expected<std::unique_ptr<llvm::Module>>
  translateAndOptimize(mlir::ModuleOp module, llvm::LLVMContext &llvmContext,
                       const CodegenTarget &target,
                       llvm::TargetMachine &machine, unsigned optLevel);
  /// `summary`, then every diagnostic collected so far (which are cleared).
  Error failure(ErrorKind kind, const std::string &summary) {
    return diagnostics->error(kind, summary);
  }

  std::unique_ptr<mlir::MLIRContext> context;
  std::unique_ptr<DiagnosticCollector> diagnostics;
  // The manager prints its report when destroyed, after the root scope.
  mlir::DefaultTimingManager timingManager;
  mlir::TimingScope timingRoot;
};

} // namespace loom::detail

#endif
