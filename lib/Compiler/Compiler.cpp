//===- Compiler.cpp - The compiler's public entry points ------------------===//
#include "loom/Compiler/Compiler.h"
#include "loom/Compiler/MLIRCompile.h"

#include "CompileCache.h"
#include "CompileSession.h"

#include "loom/Runtime/Files.h"

#include "llvm/Support/raw_ostream.h"

namespace loom {

bool threadsSupported() {
#ifdef LOOM_OPENMP_LIBRARY
  return true;
#else
  return false;
#endif
}

Expected<std::vector<std::string>> emitNames(const CompilerOptions &options) {
  Expected<const TargetBackend *> backend = targetBackendNamed(options.target);
  if (!backend)
    return backend.error();
  return detail::emitNamesOf((*backend)->stages(), (*backend)->artifactKind());
}

Expected<std::vector<LoweringStage>>
loweringStages(const CompilerOptions &options) {
  Expected<std::shared_ptr<const CodegenTarget>> target =
      detail::resolveTarget(options);
  if (!target)
    return target.error();
  return detail::loweringStagesOf(*target);
}

namespace {

/// `module` (of `session`) compiled through the target's stages, and through
/// the compile cache when `options.cache` asks. Code with NaN/Inf checks is
/// not cached (their reports go to the compiling process). When the cache
/// cannot be used (no build id, no `cc` to link, a directory that cannot be
/// written) the module is JIT-compiled as without it.
Expected<Executable> compileThroughCache(detail::CompileSession &session,
                                         mlir::ModuleOp module,
                                         const CompilerOptions &options) {
  Expected<std::shared_ptr<const CodegenTarget>> target =
      detail::resolveTarget(options);
  if (!target)
    return target.error();
  if (Expected<void> runnable = detail::checkRunnable(**target, options);
      !runnable)
    return runnable.error();
  Expected<std::vector<LoweringStage>> stages = loweringStages(options);
  if (!stages)
    return stages.error();
  std::string root = detail::cacheRoot(options.cacheDirectory);
  if (!options.cache || options.checkNumerics || root.empty())
    return session.compile(module, *stages, options);
  Expected<std::string> material = session.cacheKeyMaterial(module, options);
  if (!material)
    return session.compile(module, *stages, options);
  detail::CompileCache cache(root, options.cacheLimitBytes);
  std::string key = detail::CompileCache::keyOf(*material);
  if (std::optional<Executable> hit = cache.load(key)) {
    if (options.timing)
      llvm::errs() << "compile cache: hit " << root << "/" << key << "\n";
    return std::move(*hit);
  }
  if (options.timing)
    llvm::errs() << "compile cache: miss, storing " << root << "/" << key
                 << "\n";
  mlir::OwningOpRef<mlir::ModuleOp> pristine = module.clone();
  Expected<Executable> stored =
      cache.store(key, [&](const std::string &directory) {
        return session.saveArtifact(module, *stages, options, directory);
      });
  if (stored || (stored.error().kind() != ErrorKind::IO &&
                 stored.error().kind() != ErrorKind::Unsupported))
    return stored;
  return session.compile(*pristine, *stages, options);
}

} // namespace

Compiler::Compiler(CompilerOptions options) : compilerOptions(options) {}

Expected<Executable> Compiler::compileSource(std::string_view mlirText,
                                             std::string_view bufferName) const {
  detail::CompileSession session;
  auto module = session.parse(mlirText, bufferName);
  if (!module)
    return module.error();
  return compileThroughCache(session, **module, compilerOptions);
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

Expected<ArtifactInfo> Compiler::emitAheadOfTime(std::string_view mlirText,
                                                std::string_view bufferName,
                                                const std::string &directory,
                                                const std::string &name) const {
  detail::CompileSession session;
  auto module = session.parse(mlirText, bufferName);
  if (!module)
    return module.error();
  Expected<std::vector<LoweringStage>> stages = loweringStages(compilerOptions);
  if (!stages)
    return stages.error();
  return session.emitAheadOfTime(**module, *stages, compilerOptions, directory,
                                 name);
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
  detail::CompileSession session;
  auto copied = session.copy(module);
  if (!copied)
    return copied.error();
  return compileThroughCache(session, **copied, options);
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

Expected<ArtifactInfo> emitAheadOfTime(mlir::ModuleOp module,
                                       const std::string &directory,
                                       const std::string &name,
                                       const CompilerOptions &options) {
  detail::CompileSession session;
  auto copied = session.copy(module);
  if (!copied)
    return copied.error();
  Expected<std::vector<LoweringStage>> stages = loweringStages(options);
  if (!stages)
    return stages.error();
  return session.emitAheadOfTime(**copied, *stages, options, directory, name);
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
