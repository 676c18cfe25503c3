//===- MLIRCompile.h - Compile an in-memory MLIR module ---------*- C++ -*-===//
//
// The advanced entry points, for code that already holds a module (the DSL's
// graphs, the CLI). Unlike loom/Compiler/Compiler.h this one exposes
// MLIR types.
//
// Ownership: the given module is never modified and need not outlive the
// call. It is copied (through MLIR bytecode, locations included) into a fresh
// MLIRContext that the compiler configures with every dialect, extension and
// LLVM translation the pipeline needs, so the caller's context needs only the
// dialects its module uses. The Executable keeps machine code and signatures
// only; no MLIR object outlives the call.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_COMPILER_MLIRCOMPILE_H
#define LOOM_COMPILER_MLIRCOMPILE_H

#include "loom/Compiler/Compiler.h"
#include "loom/Runtime/Executable.h"
#include "loom/Support/Error.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"

#include <functional>
#include <string>
#include <vector>

namespace loom {

/// One named step of lowering. Stages run one after the other, each in its
/// own PassManager, so an error names the stage (and pass) that failed.
struct LoweringStage {
  std::string name;
  std::function<void(mlir::OpPassManager &)> build;
};

/// The stages of the target backend `options.target` as lowering stages, for
/// the machine `options.cpu` and `options.cpuFeatures` name, generating code
/// for `options.threads` threads. An error names an unknown target or CPU.
Expected<std::vector<LoweringStage>>
loweringStages(const CompilerOptions &options = {});

/// Compiles `module` (loom dialect) through `loweringStages(options)`.
Expected<Executable> compileModule(mlir::ModuleOp module,
                                   const CompilerOptions &options = {});

/// Compiles through custom stages, which must end in the LLVM dialect with the
/// calling convention of buildCPUCodegenStage: each public `@f(tensors) ->
/// (tensors)` becomes `@f(memref inputs..., memref outputs...)` carrying
/// `llvm.emit_c_interface`. Signatures are read before the first stage. The
/// LLVM machine code is for `options.cpu`.
/// `options.threads` does not change custom stages; above 1 it only makes
/// libomp available to the JIT, for stages that emit OpenMP.
Expected<Executable>
compileModuleWithStages(mlir::ModuleOp module,
                        const std::vector<LoweringStage> &stages,
                        const CompilerOptions &options = {});

/// Compiles `module` like compileModule and saves it as an artifact in
/// `directory`, like Compiler::saveArtifact.
Expected<void> saveArtifact(mlir::ModuleOp module, const std::string &directory,
                            const CompilerOptions &options = {});

/// Compiles `module` ahead of time into `directory`, like
/// Compiler::emitAheadOfTime.
Expected<ArtifactInfo> emitAheadOfTime(mlir::ModuleOp module,
                                       const std::string &directory,
                                       const std::string &name,
                                       const CompilerOptions &options = {});

/// Lowers a copy of `module` as far as `emitName` (one of emitNames(options))
/// asks and returns the text (or, for "obj", the object file's bytes).
Expected<std::string> emit(mlir::ModuleOp module, std::string_view emitName,
                           const CompilerOptions &options = {});

} // namespace loom

#endif
