//===- CompileSession.cpp - Parse, lower and JIT one module ---------------===//
#include "CompileSession.h"

#include "AheadOfTimeHeader.h"
#include "CompileCache.h"

#include "loom/Codegen/Passes.h"
#include "loom/Dialect/Loom/IR/LoomDialect.h"
#include "loom/Dialect/Loom/IR/LoomABI.h"
#include "loom/Dialect/Loom/IR/LoomOps.h"
#include "loom/Dialect/Loom/Transforms/Passes.h"
#include "loom/InitAll.h"
#include "loom/Runtime/Artifact.h"
#include "loom/Runtime/CudaDriver.h"
#include "loom/Runtime/Files.h"
#include "loom/Runtime/SourceText.h"
#include "loom/Support/DTypeMLIR.h"
#include "loom/Support/Limits.h"
#include "loom/Target/TargetBackend.h"

#include "mlir/Bytecode/BytecodeWriter.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassInstrumentation.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "mlir/Target/LLVMIR/Export.h"

#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/DynamicLibrary.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

#include <mutex>

namespace loom::detail {
namespace {

/// Native target registration and the runtime support library, once per
/// process. libmlir_c_runner_utils provides the out-of-line helpers (such as
/// `memrefCopy`) that lowered code may call; the JIT resolves them among the
/// process's permanently loaded libraries.
void initializeLLVMOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    llvm::InitializeNativeTargetAsmParser();
    const char *runnerUtils = LOOM_MLIR_LIBRARY_DIR "/libmlir_c_runner_utils.so";
    if (llvm::sys::fs::exists(runnerUtils))
      llvm::sys::DynamicLibrary::LoadLibraryPermanently(runnerUtils);
  });
}

/// Loads libomp for the JIT once per process: code compiled for more than
/// one thread calls its `__kmpc_*` entry points, which the JIT resolves
/// among the process's permanently loaded libraries.
Expected<void> loadOpenMPRuntimeOnce() {
#ifdef LOOM_OPENMP_LIBRARY
  static const std::string failure = [] {
    std::string message;
    if (llvm::sys::DynamicLibrary::LoadLibraryPermanently(LOOM_OPENMP_LIBRARY,
                                                          &message))
      return "code for more than one thread needs the OpenMP runtime, but "
             "'" LOOM_OPENMP_LIBRARY "' cannot be loaded (install Debian's "
             "libomp-22-dev): " +
             message;
    return std::string();
  }();
  if (!failure.empty())
    return Error(ErrorKind::IO, failure);
  return {};
#else
  return Error(ErrorKind::Unsupported,
               "code for more than one thread needs OpenMP, and this Loom was "
               "built without it (LOOM_ENABLE_OPENMP=OFF)");
#endif
}

Expected<void> checkThreads(const CompilerOptions &options) {
  if (options.threads < 1 || options.threads > kMaxThreads)
    return Error(ErrorKind::InvalidArgument, "thread count " + std::to_string(options.threads) +
                 " is out of range 1-" + std::to_string(kMaxThreads));
  if (options.threads > 1)
    return loadOpenMPRuntimeOnce();
  return {};
}

const mlir::DialectRegistry &compilerRegistry() {
  static const mlir::DialectRegistry registry = [] {
    mlir::DialectRegistry result;
    mlir::registerAllDialects(result);
    mlir::registerAllExtensions(result);
    mlir::registerAllToLLVMIRTranslations(result);
    loom::registerAllDialects(result);
    return result;
  }();
  return registry;
}

/// Remembers the first pass that failed (nested passes fail before the
/// adaptor that runs them, and passes may run on several threads).
class FailedPassRecorder : public mlir::PassInstrumentation {
public:
  explicit FailedPassRecorder(std::shared_ptr<std::string> failedPass)
      : failedPass(std::move(failedPass)) {}
  void runAfterPassFailed(mlir::Pass *pass, mlir::Operation *) override {
    std::lock_guard<std::mutex> lock(mutex);
    if (failedPass->empty())
      *failedPass = pass->getArgument().empty() ? pass->getName().str()
                                                : pass->getArgument().str();
  }

private:
  std::mutex mutex;
  std::shared_ptr<std::string> failedPass;
};

std::string llvmErrorText(llvm::Error error) {
  return llvm::toString(std::move(error));
}

/// The tensor type of an entry argument or result, or null after emitting an
/// error at the function.
std::optional<TensorSpec> tensorSpecOf(mlir::func::FuncOp function,
                                       mlir::Type type, llvm::StringRef what) {
  auto tensorType = llvm::dyn_cast<mlir::RankedTensorType>(type);
  std::optional<DType> dtype =
      tensorType ? dtypeOfElementType(tensorType.getElementType()) : std::nullopt;
  if (!tensorType || !tensorType.hasStaticShape() || !dtype) {
    function.emitError() << "entry '" << function.getSymName() << "' " << what
                         << " has type " << type
                         << "; entry functions take and return statically "
                            "shaped tensors of f32, f64, i1, i32 or i64";
    return std::nullopt;
  }
  return TensorSpec{std::vector<int64_t>(tensorType.getShape().begin(),
                                         tensorType.getShape().end()),
                    *dtype};
}

InitializerKind initializerKindOf(loom::InitKind kind) {
  switch (kind) {
  case loom::InitKind::zeros:
    return InitializerKind::Zeros;
  case loom::InitKind::ones:
    return InitializerKind::Ones;
  case loom::InitKind::normal:
    return InitializerKind::Normal;
  case loom::InitKind::uniform:
    return InitializerKind::Uniform;
  case loom::InitKind::xavier_uniform:
    return InitializerKind::XavierUniform;
  case loom::InitKind::kaiming_uniform:
    return InitializerKind::KaimingUniform;
  }
  return InitializerKind::Zeros;
}

/// Reads the signature of every public function with a body, emitting an
/// error at the function for anything the runtime cannot pass.
mlir::FailureOr<std::vector<Signature>> readSignatures(mlir::ModuleOp module) {
  std::vector<Signature> signatures;
  for (auto function : module.getOps<mlir::func::FuncOp>()) {
    if (function.isExternal() || !function.isPublic())
      continue;
    if (mlir::failed(abi::verifyFunction(function)))
      return mlir::failure();
    Signature signature;
    signature.entry = function.getSymName().str();
    for (unsigned i = 0; i < function.getNumArguments(); ++i) {
      std::optional<TensorSpec> type = tensorSpecOf(
          function, function.getArgumentTypes()[i],
          ("argument #" + llvm::Twine(i)).str());
      if (!type)
        return mlir::failure();
      ArgumentInfo argument{"arg" + std::to_string(i), ArgumentKind::Plain,
                            *type, std::nullopt};
      if (mlir::StringAttr param = abi::getParameterName(function, i)) {
        argument.kind = ArgumentKind::Parameter;
        argument.name = param.getValue().str();
      } else if (mlir::StringAttr input = abi::getInputName(function, i)) {
        argument.kind = ArgumentKind::Input;
        argument.name = input.getValue().str();
      } else if (mlir::StringAttr state = abi::getStateName(function, i)) {
        argument.kind = ArgumentKind::State;
        argument.name = state.getValue().str();
      }
      if (loom::InitAttr init = abi::getInitializer(function, i))
        argument.initializer =
            Initializer{initializerKindOf(init.getKind()), init.getScaleValue()};
      signature.arguments.push_back(std::move(argument));
    }
    for (unsigned i = 0; i < function.getNumResults(); ++i) {
      std::optional<TensorSpec> type =
          tensorSpecOf(function, function.getResultTypes()[i],
                       ("result #" + llvm::Twine(i)).str());
      if (!type)
        return mlir::failure();
      std::optional<size_t> tiedTo;
      if (std::optional<unsigned> tied = abi::getTiedArgument(function, i))
        tiedTo = *tied;
      signature.results.push_back(
          {abi::resultName(function, i), std::move(*type), tiedTo});
    }
    signatures.push_back(std::move(signature));
  }
  if (signatures.empty()) {
    module.emitError() << "the module has no public function to compile";
    return mlir::failure();
  }
  return signatures;
}

/// Bytes per element as the lowered code stores them: an i1 takes a byte, a
/// complex number two of its parts; a type without a size counts as one.
uint64_t elementBytes(mlir::Type type) {
  if (auto complex = llvm::dyn_cast<mlir::ComplexType>(type))
    return 2 * elementBytes(complex.getElementType());
  if (type.isIntOrFloat())
    return (type.getIntOrFloatBitWidth() + 7) / 8;
  if (type.isIndex())
    return 8;
  return 1;
}

/// Emits an error at `location` if `type` is a shaped type spanning more than
/// kMaxTensorBytes; `what` names the value.
mlir::LogicalResult checkTensorSize(mlir::Type type, mlir::Location location,
                                    const llvm::Twine &what) {
  auto shaped = llvm::dyn_cast<mlir::ShapedType>(type);
  if (!shaped || !shaped.hasRank())
    return mlir::success();
  uint64_t bytes = tensorSpanBytes(shaped.getShape(),
                                   elementBytes(shaped.getElementType()));
  if (bytes <= kMaxTensorBytes)
    return mlir::success();
  return mlir::emitError(location)
         << what << " has type " << type << " of " << tensorSizeText(bytes)
         << "; " << tensorLimitText();
}

/// Checks a function's arguments and results and every op's results, stopping
/// at the first error: before any pass computes sizes of, or folds constants
/// into, a tensor that cannot exist.
mlir::LogicalResult checkTensorSizes(mlir::ModuleOp module) {
  auto check = [](mlir::Operation *op) {
    if (auto function = llvm::dyn_cast<mlir::FunctionOpInterface>(op)) {
      std::string name = function.getName().str();
      for (auto [i, type] : llvm::enumerate(function.getArgumentTypes())) {
        mlir::Location location = function.isExternal()
                                      ? op->getLoc()
                                      : function.getArgument(i).getLoc();
        if (mlir::failed(checkTensorSize(
                type, location, "argument #" + llvm::Twine(i) + " of '" + name + "'")))
          return mlir::WalkResult::interrupt();
      }
      for (auto [i, type] : llvm::enumerate(function.getResultTypes()))
        if (mlir::failed(checkTensorSize(
                type, op->getLoc(), "result #" + llvm::Twine(i) + " of '" + name + "'")))
          return mlir::WalkResult::interrupt();
    }
    for (mlir::OpResult result : op->getResults())
      if (mlir::failed(checkTensorSize(
              result.getType(), op->getLoc(),
              "result #" + llvm::Twine(result.getResultNumber()) + " of '" +
                  op->getName().getStringRef() + "'")))
        return mlir::WalkResult::interrupt();
    return mlir::WalkResult::advance();
  };
  // Pre-order: a function's arguments come before the ops that use them.
  return mlir::failure(
      module.walk<mlir::WalkOrder::PreOrder>(check).wasInterrupted());
}

/// The JIT links nothing but the module and Loom's runtime support: a
/// declared function would fail at link time, with a message that no longer
/// says where it was declared.
mlir::LogicalResult checkBodies(mlir::ModuleOp module) {
  for (auto function : module.getOps<mlir::func::FuncOp>())
    if (function.isExternal())
      return function.emitError()
             << "function '" << function.getSymName()
             << "' is declared without a body; compiled code can call only "
                "functions the module defines";
  return mlir::success();
}

/// The NaN/Inf checks of `module`, by id, for resolving the reports of the
/// compiled code.
Expected<std::map<int64_t, NumericCheckSite>> readNumericChecks(mlir::ModuleOp module) {
  std::map<int64_t, NumericCheckSite> checks;
  std::optional<int64_t> duplicate;
  module.walk([&](loom::CheckFiniteOp check) {
    NumericCheckSite entry{formatLocation(check.getLoc()), check.getProducer().str()};
    int64_t id = check.getIdAttr().getInt();
    if (!checks.emplace(id, std::move(entry)).second && !duplicate)
      duplicate = id;
  });
  if (duplicate)
    return Error(ErrorKind::InvalidIR, "two loom.check_finite ops have id " +
                 std::to_string(*duplicate) + "; ids must be unique in a module");
  return checks;
}

llvm::CodeGenOptLevel codeGenOptLevel(unsigned optLevel) {
  switch (optLevel) {
  case 0:
    return llvm::CodeGenOptLevel::None;
  case 1:
    return llvm::CodeGenOptLevel::Less;
  case 2:
    return llvm::CodeGenOptLevel::Default;
  default:
    return llvm::CodeGenOptLevel::Aggressive;
  }
}

/// `positionIndependent` for code linked into a shared library.
Expected<std::unique_ptr<llvm::TargetMachine>>
targetMachine(const CodegenTarget &target, const CompilerOptions &options,
              bool positionIndependent = false) {
  if (options.optLevel > 3)
    return Error(ErrorKind::InvalidArgument, "optimization level " + std::to_string(options.optLevel) +
                 " is out of range 0-3");
  return target.createTargetMachine(codeGenOptLevel(options.optLevel),
                                     positionIndependent);
}

constexpr std::pair<std::string_view, Translation> kTranslations[] = {
    {"llvmir", Translation::LLVMIR},
    {"asm", Translation::Asm},
    {"obj", Translation::Obj},
    {"ptx", Translation::PTX},
};

/// Whether `kind` of artifact offers `translation`.
bool offers(ArtifactKind kind, Translation translation) {
  return translation != Translation::PTX ||
         kind == ArtifactKind::ObjectFileWithPTX;
}

/// The PTX of every gpu.binary in `module`, each after a comment naming it.
Expected<std::string> collectPTX(mlir::ModuleOp module) {
  std::string ptx;
  module.walk([&](mlir::gpu::BinaryOp binary) {
    for (mlir::Attribute attribute : binary.getObjects()) {
      auto object = llvm::dyn_cast<mlir::gpu::ObjectAttr>(attribute);
      if (!object || object.getFormat() != mlir::gpu::CompilationTarget::Assembly)
        continue;
      ptx += "// kernels of @" + binary.getSymName().str() + "\n";
      ptx += object.getObject().getValue().str();
    }
  });
  if (ptx.empty())
    return Error(ErrorKind::CompileFailure, "the module holds no PTX");
  return ptx;
}

} // namespace

Expected<void> checkRunnable(const CodegenTarget &target,
                             const CompilerOptions &options) {
  if (!target.launchesGPUKernels())
    return {};
  if (options.checkNumerics)
    return Error(ErrorKind::Unsupported,
                 "NaN/Inf checks run on the host; the " + options.target +
                     " target has none yet");
  // GPU code runs only with a driver: say so before compiling it.
  return cuda::ensureDriver();
}

Expected<std::shared_ptr<const CodegenTarget>>
resolveTarget(const CompilerOptions &options) {
  Expected<const TargetBackend *> backend = targetBackendNamed(options.target);
  if (!backend)
    return backend.error();
  Expected<std::unique_ptr<CodegenTarget>> target =
      (*backend)->resolve(
          {options.cpu, options.cpuFeatures, options.threads, options.gpuArch,
           options.gpuTF32});
  if (!target)
    return target.error();
  return std::shared_ptr<const CodegenTarget>(std::move(*target));
}

std::vector<LoweringStage>
loweringStagesOf(std::shared_ptr<const CodegenTarget> target) {
  std::vector<LoweringStage> stages;
  llvm::ArrayRef<StageInfo> infos = target->stages();
  for (size_t index = 0; index < infos.size(); ++index)
    stages.push_back({infos[index].name.str(),
                      [target, index](mlir::OpPassManager &pm) {
                        target->buildStage(index, pm);
                      }});
  return stages;
}

std::vector<std::string> emitNamesOf(llvm::ArrayRef<StageInfo> stages,
                                     ArtifactKind kind) {
  std::vector<std::string> names;
  for (const StageInfo &stage : stages)
    names.push_back(stage.name.str());
  for (const auto &[name, translation] : kTranslations)
    if (offers(kind, translation))
      names.emplace_back(name);
  return names;
}

CompileSession::CompileSession() {
  initializeLLVMOnce();
  context = std::make_unique<mlir::MLIRContext>(compilerRegistry());
  // The messages name the location; a dump of the op would drown them.
  context->printOpOnDiagnostic(false);
  diagnostics = std::make_unique<DiagnosticCollector>(context.get());
}

CompileSession::~CompileSession() = default;

void CompileSession::startTiming() {
  if (timingManager.isEnabled())
    return;
  timingManager.setEnabled(true);
  timingManager.setDisplayMode(mlir::DefaultTimingManager::DisplayMode::Tree);
  timingRoot = timingManager.getRootScope();
}

/// `module`'s machine code from `machine`: an object file or assembly.
static Expected<std::string> emitMachineCode(llvm::TargetMachine &machine,
                                             llvm::Module &module,
                                             llvm::CodeGenFileType fileType) {
  llvm::SmallString<0> code;
  llvm::raw_svector_ostream codeStream(code);
  llvm::legacy::PassManager codegen;
  if (machine.addPassesToEmitFile(codegen, codeStream, nullptr, fileType))
    return Error(ErrorKind::CompileFailure,
                 "the target cannot emit " +
                     std::string(fileType == llvm::CodeGenFileType::ObjectFile
                                     ? "an object file"
                                     : "assembly"));
  codegen.run(module);
  return std::string(code.str());
}

Expected<mlir::OwningOpRef<mlir::ModuleOp>>
CompileSession::parse(std::string_view text, std::string_view bufferName) {
  if (Expected<void> checked = checkSourceText(text, bufferName);
      !checked)
    return Error(ErrorKind::InvalidIR, "cannot parse '" + std::string(bufferName) + "':\n" +
                 checked.error().message());
  mlir::ParserConfig config(context.get());
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(
          llvm::StringRef(text.data(), text.size()), config,
          llvm::StringRef(bufferName.data(), bufferName.size()));
  if (!module)
    return failure(ErrorKind::InvalidIR,
                   "cannot parse '" + std::string(bufferName) + "'");
  return module;
}

Expected<mlir::OwningOpRef<mlir::ModuleOp>>
CompileSession::copy(mlir::ModuleOp module) {
  std::string bytecode;
  llvm::raw_string_ostream stream(bytecode);
  if (mlir::failed(mlir::writeBytecodeToFile(module, stream)))
    return Error(ErrorKind::InvalidIR, "cannot serialize the module to copy it into the compiler's "
                 "context");
  mlir::ParserConfig config(context.get());
  // Parsing from a string reads through a MemoryBufferRef, which makes the
  // reader copy everything it keeps: `bytecode` may die afterwards.
  mlir::OwningOpRef<mlir::ModuleOp> copied =
      mlir::parseSourceString<mlir::ModuleOp>(bytecode, config, "<module>");
  if (!copied)
    return failure(ErrorKind::InvalidIR,
                   "cannot copy the module into the compiler's context");
  return copied;
}

Expected<void>
CompileSession::instrument(mlir::ModuleOp module,
                           const CompilerOptions &options) {
  if (!options.checkNumerics)
    return {};
  mlir::PassManager pm(context.get(), mlir::ModuleOp::getOperationName());
  pm.addPass(loom::createLoomCheckNumerics());
  if (mlir::failed(pm.run(module)))
    return failure(ErrorKind::CompileFailure,
                   "cannot add the NaN/Inf checks of --check-numerics");
  return {};
}

Expected<void>
CompileSession::lower(mlir::ModuleOp module,
                      const std::vector<LoweringStage> &stages) {
  if (mlir::failed(checkTensorSizes(module)))
    return failure(ErrorKind::InvalidIR,
                   "the module has a tensor too large to compile");
  for (const LoweringStage &stage : stages) {
    // The module is verified once per stage rather than after every pass:
    // verifying walks the whole module, which cost as much as the passes of
    // the last stages on large graphs (docs/passes.md, "Verification").
    // loom-opt still verifies after every pass.
    mlir::PassManager pm(context.get(), mlir::ModuleOp::getOperationName());
    pm.enableVerifier(false);
    stage.build(pm);
    mlir::TimingScope stageTimer = timePhase(stage.name);
    if (timingManager.isEnabled())
      pm.enableTiming(stageTimer);
    auto failedPass = std::make_shared<std::string>();
    pm.addInstrumentation(std::make_unique<FailedPassRecorder>(failedPass));
    if (mlir::failed(pm.run(module))) {
      std::string summary = "lowering stage '" + stage.name + "' failed";
      if (!failedPass->empty())
        summary += " in pass '" + *failedPass + "'";
      return failure(ErrorKind::CompileFailure, summary);
    }
    mlir::TimingScope verifyTimer = stageTimer.nest("(verify)");
    if (mlir::failed(mlir::verify(module)))
      return failure(ErrorKind::CompileFailure,
                     "lowering stage '" + stage.name +
                         "' produced invalid IR");
  }
  return {};
}

/// Checks the calling convention of the lowered entries before LLVM sees
/// the code: one `_mlir_ciface_<entry>` per signature, taking one memref per
/// argument and per untied result, then its workspace (`loom.workspace`),
/// whose size it records in the signature.
static Expected<void> readEntryWrappers(mlir::ModuleOp module,
                                        std::vector<Signature> &signatures) {
  for (Signature &signature : signatures) {
    std::string wrapper = "_mlir_ciface_" + signature.entry;
    auto function = module.lookupSymbol<mlir::LLVM::LLVMFuncOp>(wrapper);
    if (!function)
      return Error(ErrorKind::CompileFailure,
                   "the lowered module has no '" + wrapper + "': the " +
                       "lowering must mark '" + signature.entry +
                       "' with llvm.emit_c_interface");
    signature.workspaceBytes = abi::getWorkspaceBytes(function);
    size_t expected =
        signature.arguments.size() +
        llvm::count_if(signature.results,
                       [](const ResultInfo &result) { return !result.tiedTo; }) +
        (signature.workspaceBytes ? 1 : 0);
    if (function.getNumArguments() != expected)
      return Error(ErrorKind::CompileFailure,
                   "the lowered '" + wrapper + "' takes " +
                       std::to_string(function.getNumArguments()) +
                       " arguments, expected " + std::to_string(expected) +
                       " (one memref per input, then one per untied result, "
                       "then the workspace if any)");
  }
  return {};
}

namespace {
/// The JIT's machine code: the engine owns it.
class JITCodeLibrary : public CodeLibrary {
public:
  explicit JITCodeLibrary(std::unique_ptr<mlir::ExecutionEngine> engine)
      : engine(std::move(engine)) {}
  void *lookup(const std::string &symbol) const override {
    llvm::Expected<void *> address = engine->lookup(symbol);
    if (!address) {
      llvm::consumeError(address.takeError());
      return nullptr;
    }
    return *address;
  }

private:
  std::unique_ptr<mlir::ExecutionEngine> engine;
};
} // namespace

Expected<std::vector<Signature>>
CompileSession::prepare(mlir::ModuleOp module,
                        const std::vector<LoweringStage> &stages,
                        const CompilerOptions &options,
                        std::map<int64_t, NumericCheckSite> *numericChecks) {
  Expected<void> threads = checkThreads(options);
  if (!threads)
    return threads.error();
  mlir::FailureOr<std::vector<Signature>> signatures = readSignatures(module);
  if (mlir::failed(signatures) || mlir::failed(checkBodies(module)))
    return failure(ErrorKind::InvalidIR, "cannot compile the module");
  Expected<void> instrumented = instrument(module, options);
  if (!instrumented)
    return instrumented.error();
  Expected<std::map<int64_t, NumericCheckSite>> checks =
      readNumericChecks(module);
  if (!checks)
    return checks.error();
  if (numericChecks)
    *numericChecks = std::move(*checks);
  else if (!checks->empty())
    return Error(ErrorKind::Unsupported,
                 "an artifact cannot hold NaN/Inf checks (--check-numerics): "
                 "their reports go to the compiling process; run them in "
                 "the JIT");
  Expected<void> lowered = lower(module, stages);
  if (!lowered)
    return lowered.error();
  Expected<void> wrappers = readEntryWrappers(module, *signatures);
  if (!wrappers)
    return wrappers.error();
  return std::move(*signatures);
}

namespace {
/// The target `options` name, for code that runs in this process, and its
/// LLVM machine.
struct HostTarget {
  std::shared_ptr<const CodegenTarget> target;
  std::unique_ptr<llvm::TargetMachine> machine;
};

Expected<HostTarget> hostTarget(const CompilerOptions &options,
                                bool positionIndependent) {
  Expected<std::shared_ptr<const CodegenTarget>> target = resolveTarget(options);
  if (!target)
    return target.error();
  Expected<void> runsHere = (*target)->checkRunsOnHost();
  if (!runsHere)
    return runsHere.error();
  Expected<std::unique_ptr<llvm::TargetMachine>> machine =
      targetMachine(**target, options, positionIndependent);
  if (!machine)
    return machine.error();
  return HostTarget{std::move(*target), std::move(*machine)};
}
} // namespace

Expected<Executable> CompileSession::compile(
    mlir::ModuleOp module, const std::vector<LoweringStage> &stages,
    const CompilerOptions &options) {
  if (options.timing)
    startTiming();
  Expected<HostTarget> host = hostTarget(options, /*positionIndependent=*/false);
  if (!host)
    return host.error();
  if (Expected<void> runnable = checkRunnable(*host->target, options);
      !runnable)
    return runnable.error();
  ArtifactInfo info;
  if (host->target->launchesGPUKernels())
    info.targetBackend = std::string(kGPUTargetBackend);
  info.threads = options.threads;
  info.targetCPU = host->machine->getTargetCPU().str();
  Expected<std::vector<Signature>> signatures =
      prepare(module, stages, options, &info.numericChecks);
  if (!signatures)
    return signatures.error();
  info.signatures = std::move(*signatures);

  // The transformer is a function_ref: keep the function alive through
  // `create`, which runs it. The engine owns the machine by then.
  llvm::TargetMachine *llvmMachine = host->machine.get();
  mlir::TimingScope translateTimer = timePhase("translate to LLVM IR");
  std::function<llvm::Error(llvm::Module *)> optimizer =
      [&](llvm::Module *llvmModule) {
        translateTimer.stop();
        mlir::TimingScope optimizeTimer = timePhase("LLVM optimize");
        host->target->optimizeLLVMModule(*llvmModule, *llvmMachine,
                                      options.optLevel, optimizeTimer);
        return llvm::Error::success();
      };
  mlir::ExecutionEngineOptions engineOptions;
  engineOptions.transformer = optimizer;
  engineOptions.jitCodeGenOptLevel = codeGenOptLevel(options.optLevel);
  engineOptions.enablePerfNotificationListener = false;
  auto engine =
      mlir::ExecutionEngine::create(module, engineOptions, std::move(host->machine));
  if (!engine)
    return failure(ErrorKind::CompileFailure,
                   "JIT compilation failed: " +
                       llvmErrorText(engine.takeError()));
  (*engine)->registerSymbols([](llvm::orc::MangleAndInterner interner) {
    llvm::orc::SymbolMap symbols;
    for (const auto &[name, address] : runtimeSupportSymbols())
      symbols[interner(name)] = {llvm::orc::ExecutorAddr::fromPtr(address),
                                 llvm::JITSymbolFlags::Exported};
    return symbols;
  });
  // The JIT generates machine code when a symbol is first looked up.
  mlir::TimingScope codegenTimer = timePhase("LLVM machine code");
  (*engine)->initialize();
  Expected<Executable> executable = makeExecutable(
      std::make_unique<JITCodeLibrary>(std::move(*engine)), std::move(info));
  codegenTimer.stop();
  if (!executable)
    return Error(ErrorKind::CompileFailure, executable.error().message());
  return executable;
}

/// Adds `void _mlir__mlir_ciface_<entry>(void **args)` for every entry,
/// which loads each argument from `args` and calls `_mlir_ciface_<entry>`:
/// the wrapper ExecutionEngine adds for the JIT, so that the runtime calls
/// JIT code and a loaded artifact alike.
static Expected<void> addPackedWrappers(llvm::Module &module,
                                        const std::vector<Signature> &signatures) {
  llvm::LLVMContext &context = module.getContext();
  llvm::Type *pointer = llvm::PointerType::getUnqual(context);
  for (const Signature &signature : signatures) {
    llvm::Function *callee =
        module.getFunction("_mlir_ciface_" + signature.entry);
    if (!callee || !callee->getReturnType()->isVoidTy())
      return Error(ErrorKind::CompileFailure,
                   "the LLVM module has no void '_mlir_ciface_" +
                       signature.entry + "'");
    auto *type = llvm::FunctionType::get(llvm::Type::getVoidTy(context),
                                         {pointer}, /*isVarArg=*/false);
    auto *wrapper = llvm::Function::Create(
        type, llvm::GlobalValue::ExternalLinkage,
        packedEntrySymbol(signature.entry), module);
    llvm::IRBuilder<> builder(llvm::BasicBlock::Create(context, "", wrapper));
    std::vector<llvm::Value *> arguments;
    for (auto [index, parameter] : llvm::enumerate(callee->args())) {
      llvm::Value *slot = builder.CreateConstGEP1_64(
          pointer, wrapper->getArg(0), index);
      llvm::Value *address = builder.CreateLoad(pointer, slot);
      arguments.push_back(builder.CreateLoad(parameter.getType(), address));
    }
    builder.CreateCall(callee, arguments);
    builder.CreateRetVoid();
  }
  return {};
}

/// The program that links an artifact: `cc` on PATH (the system's C compiler
/// driver, which knows the system linker and libc).
static Expected<std::string> findLinker() {
  llvm::ErrorOr<std::string> linker = llvm::sys::findProgramByName("cc");
  if (!linker)
    return Error(ErrorKind::Unsupported,
                 "saving an artifact needs a C compiler driver 'cc' on PATH to "
                 "link the shared library: " + linker.getError().message());
  return *linker;
}

Expected<CompileSession::CompiledObject> CompileSession::compileObject(
    mlir::ModuleOp module, const std::vector<LoweringStage> &stages,
    const CompilerOptions &options,
    const std::function<Expected<void>(llvm::Module &,
                                       const std::vector<Signature> &)>
        &prepareSymbols) {
  if (options.timing)
    startTiming();
  Expected<std::shared_ptr<const CodegenTarget>> target = resolveTarget(options);
  if (!target)
    return target.error();
  Expected<std::unique_ptr<llvm::TargetMachine>> machine =
      targetMachine(**target, options, /*positionIndependent=*/true);
  if (!machine)
    return machine.error();
  CompiledObject compiled;
  if ((*target)->launchesGPUKernels())
    compiled.info.targetBackend = std::string(kGPUTargetBackend);
  compiled.info.threads = options.threads;
  compiled.info.targetCPU = (*machine)->getTargetCPU().str();
  Expected<std::vector<Signature>> signatures =
      prepare(module, stages, options, /*numericChecks=*/nullptr);
  if (!signatures)
    return signatures.error();
  compiled.info.signatures = std::move(*signatures);

  llvm::LLVMContext llvmContext;
  Expected<std::unique_ptr<llvm::Module>> optimized =
      translateAndOptimize(module, llvmContext, **target, **machine,
                           options.optLevel);
  if (!optimized)
    return optimized.error();
  std::unique_ptr<llvm::Module> llvmModule = std::move(*optimized);
  Expected<void> wrapped = addPackedWrappers(*llvmModule, compiled.info.signatures);
  if (!wrapped)
    return wrapped.error();
  if (prepareSymbols)
    if (Expected<void> prepared =
            prepareSymbols(*llvmModule, compiled.info.signatures);
        !prepared)
      return prepared.error();

  mlir::TimingScope timer = timePhase("LLVM machine code");
  Expected<std::string> object = emitMachineCode(
      **machine, *llvmModule, llvm::CodeGenFileType::ObjectFile);
  if (!object)
    return object.error();
  compiled.object = std::move(*object);
  return compiled;
}

Expected<void> CompileSession::saveArtifact(
    mlir::ModuleOp module, const std::vector<LoweringStage> &stages,
    const CompilerOptions &options, const std::string &directory) {
  Expected<std::string> linker = findLinker();
  if (!linker)
    return linker.error();
  Expected<CompiledObject> compiled =
      compileObject(module, stages, options, /*prepareSymbols=*/nullptr);
  if (!compiled)
    return compiled.error();
  ArtifactInfo &info = compiled->info;

  if (std::error_code error = llvm::sys::fs::create_directories(directory))
    return Error(ErrorKind::IO, "cannot create artifact directory '" +
                                    directory + "': " + error.message());
  llvm::SmallString<128> objectPath;
  if (std::error_code error = llvm::sys::fs::createTemporaryFile(
          "loom-artifact", "o", objectPath))
    return Error(ErrorKind::IO,
                 "cannot create a temporary object file: " + error.message());
  llvm::FileRemover removeObject(objectPath);
  Expected<void> written =
      writeFileAtomically(objectPath.str().str(), compiled->object);
  if (!written)
    return written.error();

  // A new name for every save (see loom/Runtime/Artifact.h); the manifest,
  // written last, switches to it. --as-needed records libmlir_c_runner_utils
  // (memrefCopy), libm and libomp (threads > 1) only when the code calls them.
  llvm::SmallString<128> library;
  if (std::error_code error = llvm::sys::fs::createUniqueFile(
          directory + "/code-%%%%%%%%.so", library))
    return Error(ErrorKind::IO, "cannot create a library in '" + directory +
                                    "': " + error.message());
  llvm::FileRemover removeLibrary(library);
  std::vector<std::string> arguments = {
      *linker, "-shared", "-o", library.str().str(), objectPath.str().str(),
      "-Wl,--as-needed", "-L" LOOM_MLIR_LIBRARY_DIR,
      "-Wl,-rpath," LOOM_MLIR_LIBRARY_DIR, "-lmlir_c_runner_utils", "-lm"};
#ifdef LOOM_OPENMP_LIBRARY
  std::string openMPDirectory =
      llvm::sys::path::parent_path(LOOM_OPENMP_LIBRARY).str();
  arguments.insert(arguments.end(), {"-L" + openMPDirectory,
                                     "-Wl,-rpath," + openMPDirectory, "-lomp"});
#endif
  std::vector<llvm::StringRef> argumentRefs(arguments.begin(), arguments.end());
  std::string linkError;
  llvm::SmallString<128> linkOutput;
  if (std::error_code error = llvm::sys::fs::createTemporaryFile(
          "loom-artifact-link", "txt", linkOutput))
    return Error(ErrorKind::IO,
                 "cannot create a temporary file: " + error.message());
  llvm::FileRemover removeLinkOutput(linkOutput);
  std::optional<llvm::StringRef> redirects[] = {
      std::nullopt, linkOutput.str(), linkOutput.str()};
  int status = llvm::sys::ExecuteAndWait(*linker, argumentRefs, std::nullopt,
                                         redirects, 0, 0, &linkError);
  if (status != 0) {
    Expected<std::string> output = readFile(linkOutput.str().str());
    return Error(ErrorKind::CompileFailure,
                 "linking the artifact library with '" + *linker +
                     "' failed" + (linkError.empty() ? "" : ": " + linkError) +
                     (output && !output->empty() ? ":\n" + *output : ""));
  }
  info.library = llvm::sys::path::filename(library).str();

  // The library of the artifact this one replaces, removed once the new
  // manifest is in place.
  std::string manifestPath = directory + "/" + kArtifactManifestFile;
  std::optional<std::string> previousLibrary;
  if (llvm::sys::fs::exists(manifestPath))
    if (Expected<std::string> text = readFile(manifestPath))
      if (Expected<ArtifactInfo> previous = parseManifest(*text, manifestPath))
        previousLibrary = directory + "/" + previous->library;
  Expected<void> manifestWritten =
      writeFileAtomically(manifestPath, formatManifest(info));
  if (!manifestWritten)
    return manifestWritten.error();
  removeLibrary.releaseFile();
  if (previousLibrary)
    llvm::sys::fs::remove(*previousLibrary);
  return {};
}

/// Leaves the object of an ahead-of-time artifact only its entries' wrappers
/// to export, renamed `symbols` (loom_<name>_<entry>): everything else becomes
/// internal, so two artifacts link into one program.
static Expected<void> exportOnlyEntries(llvm::Module &module,
                                        const std::vector<Signature> &signatures,
                                        const std::vector<std::string> &symbols) {
  std::vector<llvm::Function *> wrappers;
  for (const Signature &signature : signatures) {
    llvm::Function *wrapper =
        module.getFunction(packedEntrySymbol(signature.entry));
    if (!wrapper)
      return Error(ErrorKind::CompileFailure,
                   "the LLVM module has no wrapper for '" + signature.entry + "'");
    wrappers.push_back(wrapper);
  }
  for (llvm::GlobalValue &value : module.global_values()) {
    if (value.isDeclaration() || value.hasAppendingLinkage() ||
        llvm::is_contained(wrappers, &value))
      continue;
    value.setLinkage(llvm::GlobalValue::InternalLinkage);
  }
  for (auto [wrapper, symbol] : llvm::zip(wrappers, symbols)) {
    if (module.getNamedValue(symbol))
      return Error(ErrorKind::CompileFailure,
                   "the module already defines the symbol '" + symbol + "'");
    wrapper->setName(symbol);
  }
  return {};
}

Expected<ArtifactInfo> CompileSession::emitAheadOfTime(
    mlir::ModuleOp module, const std::vector<LoweringStage> &stages,
    const CompilerOptions &options, const std::string &directory,
    const std::string &name) {
  if (!isArtifactName(name))
    return Error(ErrorKind::InvalidArgument,
                 "artifact name '" + name + "' must be a C identifier (it "
                 "names the header's namespace and the object's symbols)");
  Expected<CompiledObject> compiled = compileObject(
      module, stages, options,
      [&](llvm::Module &llvmModule, const std::vector<Signature> &signatures) {
        ArtifactInfo entries;
        entries.signatures = signatures;
        return exportOnlyEntries(llvmModule, signatures,
                                 aheadOfTimeSymbols(entries, name));
      });
  if (!compiled)
    return compiled.error();
  ArtifactInfo &info = compiled->info;
  info.library = name + ".o";
  std::string manifest = formatManifest(info);

  if (std::error_code error = llvm::sys::fs::create_directories(directory))
    return Error(ErrorKind::IO, "cannot create artifact directory '" +
                                    directory + "': " + error.message());
  std::pair<std::string, std::string> files[] = {
      {info.library, compiled->object},
      {name + ".h", formatAheadOfTimeHeader(info, name, manifest)},
      {kArtifactManifestFile, manifest}};
  for (const auto &[file, contents] : files)
    if (Expected<void> written =
            writeFileAtomically(directory + "/" + file, contents);
        !written)
      return written.error();
  return info;
}

Expected<std::string>
CompileSession::cacheKeyMaterial(mlir::ModuleOp module,
                                 const CompilerOptions &options) {
  if (compilerBuildId().empty())
    return Error(ErrorKind::Unsupported,
                 "the compiler's binary has no build id to key the cache on");
  // Cached code is loaded into this process, like JIT code.
  Expected<HostTarget> host = hostTarget(options, /*positionIndependent=*/true);
  if (!host)
    return host.error();
  std::string material;
  llvm::raw_string_ostream stream(material);
  stream << "loom-compile-cache 1\nbuild " << compilerBuildId()
         << "\nllvm " LLVM_VERSION_STRING "\ntarget " << options.target << "\n"
         << host->target->summary() << "\ntriple "
         << host->machine->getTargetTriple().str() << "\ncpu "
         << host->machine->getTargetCPU() << "\nfeatures "
         << host->machine->getTargetFeatureString() << "\nopt " << options.optLevel
         << "\nthreads " << options.threads << "\n";
  // The module as bytecode, which never elides a constant (printed text
  // may, under MLIR's command line flags), without its locations: the same
  // IR built from two files or C++ lines is one entry.
  mlir::OwningOpRef<mlir::ModuleOp> stripped = module.clone();
  mlir::Location unknown = mlir::UnknownLoc::get(context.get());
  stripped->walk([&](mlir::Operation *op) {
    op->setLoc(unknown);
    for (mlir::Region &region : op->getRegions())
      for (mlir::Block &block : region)
        for (mlir::BlockArgument argument : block.getArguments())
          argument.setLoc(unknown);
  });
  if (mlir::failed(mlir::writeBytecodeToFile(*stripped, stream)))
    return failure(ErrorKind::CompileFailure,
                   "cannot write the module's bytecode for the cache key");
  return material;
}

Expected<std::unique_ptr<llvm::Module>>
CompileSession::translateAndOptimize(mlir::ModuleOp module,
                                     llvm::LLVMContext &llvmContext,
                                     const CodegenTarget &target,
                                     llvm::TargetMachine &machine,
                                     unsigned optLevel) {
  mlir::TimingScope translateTimer = timePhase("translate to LLVM IR");
  std::unique_ptr<llvm::Module> llvmModule =
      mlir::translateModuleToLLVMIR(module, llvmContext);
  if (!llvmModule)
    return failure(ErrorKind::CompileFailure,
                   "cannot translate the LLVM dialect to LLVM IR");
  mlir::ExecutionEngine::setupTargetTripleAndDataLayout(llvmModule.get(),
                                                        &machine);
  translateTimer.stop();
  mlir::TimingScope optimizeTimer = timePhase("LLVM optimize");
  target.optimizeLLVMModule(*llvmModule, machine, optLevel, optimizeTimer);
  return llvmModule;
}

Expected<std::string> CompileSession::emit(mlir::ModuleOp module,
                                           std::string_view emitName,
                                           const CompilerOptions &options) {
  if (options.timing)
    startTiming();
  Expected<void> threads = checkThreads(options);
  if (!threads)
    return threads.error();
  Expected<std::shared_ptr<const CodegenTarget>> target = resolveTarget(options);
  if (!target)
    return target.error();
  // A stage's name stops after it; a translation's runs every stage first.
  std::vector<LoweringStage> stages = loweringStagesOf(*target);
  auto stage = llvm::find_if(stages, [&](const LoweringStage &candidate) {
    return candidate.name == emitName;
  });
  ArtifactKind kind = (*target)->launchesGPUKernels()
                          ? ArtifactKind::ObjectFileWithPTX
                          : ArtifactKind::ObjectFile;
  auto translation =
      llvm::find_if(kTranslations, [&](const auto &entry) {
        return entry.first == emitName && offers(kind, entry.second);
      });
  if (stage != stages.end())
    stages.erase(stage + 1, stages.end());
  else if (translation == std::end(kTranslations))
    return Error(ErrorKind::InvalidArgument, "unknown emit stage '" + std::string(emitName) +
                 "'; expected one of " +
                 llvm::join(emitNamesOf((*target)->stages(), kind), ", "));
  Expected<void> instrumented = instrument(module, options);
  if (!instrumented)
    return instrumented.error();
  Expected<void> lowered = lower(module, stages);
  if (!lowered)
    return lowered.error();

  std::string output;
  llvm::raw_string_ostream stream(output);
  if (translation == std::end(kTranslations)) {
    module.print(stream);
    return output;
  }
  if (translation->second == Translation::PTX)
    return collectPTX(module);

  Expected<std::unique_ptr<llvm::TargetMachine>> machine =
      targetMachine(**target, options);
  if (!machine)
    return machine.error();
  llvm::LLVMContext llvmContext;
  Expected<std::unique_ptr<llvm::Module>> optimized =
      translateAndOptimize(module, llvmContext, **target, **machine,
                           options.optLevel);
  if (!optimized)
    return optimized.error();
  std::unique_ptr<llvm::Module> llvmModule = std::move(*optimized);
  if (translation->second == Translation::LLVMIR) {
    llvmModule->print(stream, /*AAW=*/nullptr);
    return output;
  }

  mlir::TimingScope timer = timePhase("LLVM machine code");
  return emitMachineCode(**machine, *llvmModule,
                         translation->second == Translation::Asm
                             ? llvm::CodeGenFileType::AssemblyFile
                             : llvm::CodeGenFileType::ObjectFile);
}

} // namespace loom::detail
