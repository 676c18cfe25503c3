//===- Compiler.cpp - The compiler's public entry points ------------------===//
#include "loom/Compiler/Compiler.h"
#include "loom/Compiler/MLIRCompile.h"

#include "CompileSession.h"

#include "loom/Pipelines/Pipelines.h"
#include "loom/Runtime/Files.h"

#include <array>
#include <utility>

namespace loom {
namespace {

constexpr std::array<std::pair<EmitKind, std::string_view>, 6> kEmitKindNames{{
    {EmitKind::Loom, "loom"},
    {EmitKind::Linalg, "linalg"},
    {EmitKind::LLVMDialect, "llvm"},
    {EmitKind::LLVMIR, "llvmir"},
    {EmitKind::Asm, "asm"},
    {EmitKind::Obj, "obj"},
}};

} // namespace

std::string_view emitKindName(EmitKind kind) {
  for (const auto &[candidate, name] : kEmitKindNames)
    if (candidate == kind)
      return name;
  return "unknown";
}

std::optional<EmitKind> parseEmitKind(std::string_view name) {
  for (const auto &[kind, candidate] : kEmitKindNames)
    if (candidate == name)
      return kind;
  return std::nullopt;
}

std::vector<LoweringStage> cpuLoweringStages(const CompilerOptions &options) {
  CPUCodegenOptions codegen{options.threads};
  std::vector<LoweringStage> stages;
  for (const PipelineStage &stage : cpuStages())
    stages.push_back({stage.name.str(), [&stage, codegen](mlir::OpPassManager &pm) {
                        stage.build(pm, codegen);
                      }});
  return stages;
}

Compiler::Compiler(CompilerOptions options) : compilerOptions(options) {}

Expected<Executable> Compiler::compileSource(std::string_view mlirText,
                                             std::string_view bufferName) const {
  detail::CompileSession session;
  auto module = session.parse(mlirText, bufferName);
  if (!module)
    return module.error();
  return session.compile(**module, cpuLoweringStages(compilerOptions),
                         compilerOptions);
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
  return session.saveArtifact(**module, cpuLoweringStages(compilerOptions),
                              compilerOptions, directory);
}

Expected<std::string> Compiler::emitSource(std::string_view mlirText,
                                           std::string_view bufferName,
                                           EmitKind kind) const {
  detail::CompileSession session;
  auto module = session.parse(mlirText, bufferName);
  if (!module)
    return module.error();
  return session.emit(**module, kind, compilerOptions);
}

Expected<Executable> compileModule(mlir::ModuleOp module,
                                   const CompilerOptions &options) {
  return compileModuleWithStages(module, cpuLoweringStages(options), options);
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
  return session.saveArtifact(**copied, cpuLoweringStages(options), options,
                              directory);
}

Expected<std::string> emit(mlir::ModuleOp module, EmitKind kind,
                           const CompilerOptions &options) {
  detail::CompileSession session;
  auto copied = session.copy(module);
  if (!copied)
    return copied.error();
  return session.emit(**copied, kind, options);
}

} // namespace loom
