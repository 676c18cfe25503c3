//===- Compiler.cpp - The compiler's public entry points ------------------===//
#include "loom/Compiler/Compiler.h"
#include "loom/Compiler/MLIRCompile.h"

#include "CompileSession.h"

#include "loom/Runtime/Files.h"

namespace loom {

Expected<std::vector<std::string>> emitNames(const CompilerOptions &options) {
  Expected<const TargetBackend *> backend = targetBackendNamed(options.target);
  if (!backend)
    return backend.error();
  return detail::emitNamesOf((*backend)->stages());
}

Expected<std::vector<LoweringStage>>
loweringStages(const CompilerOptions &options) {
  Expected<std::shared_ptr<const CodegenTarget>> target =
      detail::resolveTarget(options);
  if (!target)
    return target.error();
  return detail::loweringStagesOf(*target);
}

Compiler::Compiler(CompilerOptions options) : compilerOptions(options) {}

Expected<Executable> Compiler::compileSource(std::string_view mlirText,
                                             std::string_view bufferName) const {
  detail::CompileSession session;
  auto module = session.parse(mlirText, bufferName);
  if (!module)
    return module.error();
  Expected<std::vector<LoweringStage>> stages = loweringStages(compilerOptions);
  if (!stages)
    return stages.error();
  return session.compile(**module, *stages, compilerOptions);
}

Expected<Executable> Compiler::compileFile(const std::string &path) const {
  Expected<std::string> text = readFile(path);
  if (!text)
    return text.error();
  return compileSource(*text, path);
}

Expected<void> Compiler::saveArtifact(std::string_view mlirText,
                                      std::string_view bufferName,
                                      const std::string &directory) const {
  detail::CompileSession session;
  auto module = session.parse(mlirText, bufferName);
  if (!module)
    return module.error();
  Expected<std::vector<LoweringStage>> stages = loweringStages(compilerOptions);
  if (!stages)
    return stages.error();
  return session.saveArtifact(**module, *stages, compilerOptions, directory);
}

Expected<std::string> Compiler::emitSource(std::string_view mlirText,
                                           std::string_view bufferName,
                                           std::string_view emitName) const {
  detail::CompileSession session;
  auto module = session.parse(mlirText, bufferName);
  if (!module)
    return module.error();
  return session.emit(**module, emitName, compilerOptions);
}

Expected<Executable> compileModule(mlir::ModuleOp module,
                                   const CompilerOptions &options) {
  Expected<std::vector<LoweringStage>> stages = loweringStages(options);
  if (!stages)
    return stages.error();
  return compileModuleWithStages(module, *stages, options);
}

Expected<Executable>
compileModuleWithStages(mlir::ModuleOp module,
                        const std::vector<LoweringStage> &stages,
                        const CompilerOptions &options) {
  detail::CompileSession session;
  auto copied = session.copy(module);
  if (!copied)
    return copied.error();
  return session.compile(**copied, stages, options);
}

Expected<void> saveArtifact(mlir::ModuleOp module, const std::string &directory,
                            const CompilerOptions &options) {
  detail::CompileSession session;
  auto copied = session.copy(module);
  if (!copied)
    return copied.error();
  Expected<std::vector<LoweringStage>> stages = loweringStages(options);
  if (!stages)
    return stages.error();
  return session.saveArtifact(**copied, *stages, options, directory);
}

Expected<std::string> emit(mlir::ModuleOp module, std::string_view emitName,
                           const CompilerOptions &options) {
  detail::CompileSession session;
  auto copied = session.copy(module);
  if (!copied)
    return copied.error();
  return session.emit(**copied, emitName, options);
}

} // namespace loom
