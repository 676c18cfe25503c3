//===- CompileSession.cpp - Parse, lower and JIT one module ---------------===//
#include "CompileSession.h"

#include "ExecutableState.h"

#include "loom/Dialect/Loom/IR/LoomABI.h"
#include "loom/Dialect/Loom/IR/LoomOps.h"
#include "loom/Dialect/Loom/Transforms/Passes.h"
#include "loom/InitAll.h"
#include "loom/Runtime/SourceText.h"
#include "loom/Support/DTypeMLIR.h"
#include "loom/Support/Limits.h"

#include "mlir/Bytecode/BytecodeWriter.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassInstrumentation.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "mlir/Target/LLVMIR/Export.h"

#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/DynamicLibrary.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

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
Expected<std::monostate> loadOpenMPRuntimeOnce() {
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
    return Error(failure);
  return std::monostate{};
}

Expected<std::monostate> checkThreads(const CompilerOptions &options) {
  if (options.threads < 1 || options.threads > kMaxThreads)
    return Error("thread count " + std::to_string(options.threads) +
                 " is out of range 1-" + std::to_string(kMaxThreads));
  if (options.threads > 1)
    return loadOpenMPRuntimeOnce();
  return std::monostate{};
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

std::string formatLocation(mlir::Location location) {
  mlir::LocationAttr attr = location;
  if (auto file = attr.findInstanceOf<mlir::FileLineColLoc>())
    return file.getFilename().str() + ":" + std::to_string(file.getLine()) +
           ":" + std::to_string(file.getColumn()) + ": ";
  return "";
}

std::string_view severityName(mlir::DiagnosticSeverity severity) {
  switch (severity) {
  case mlir::DiagnosticSeverity::Error:
    return "error";
  case mlir::DiagnosticSeverity::Warning:
    return "warning";
  case mlir::DiagnosticSeverity::Note:
    return "note";
  case mlir::DiagnosticSeverity::Remark:
    return "remark";
  }
  return "error";
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
      signature.results.push_back(std::move(*type));
      std::optional<size_t> tiedTo;
      if (std::optional<unsigned> tied = abi::getTiedArgument(function, i))
        tiedTo = *tied;
      signature.resultTiedTo.push_back(tiedTo);
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
Expected<std::map<int64_t, NumericCheck>> readNumericChecks(mlir::ModuleOp module) {
  std::map<int64_t, NumericCheck> checks;
  std::optional<int64_t> duplicate;
  module.walk([&](loom::CheckFiniteOp check) {
    NumericCheck entry{formatLocation(check.getLoc()), check.getProducer().str()};
    int64_t id = check.getIdAttr().getInt();
    if (!checks.emplace(id, std::move(entry)).second && !duplicate)
      duplicate = id;
  });
  if (duplicate)
    return Error("two loom.check_finite ops have id " +
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

Expected<std::unique_ptr<llvm::TargetMachine>>
hostTargetMachine(const CompilerOptions &options) {
  if (options.optLevel > 3)
    return Error("optimization level " + std::to_string(options.optLevel) +
                 " is out of range 0-3");
  auto builder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!builder)
    return Error("cannot detect the host CPU: " +
                 llvmErrorText(builder.takeError()));
  builder->setCodeGenOptLevel(codeGenOptLevel(options.optLevel));
  auto machine = builder->createTargetMachine();
  if (!machine)
    return Error("cannot create a target machine for the host: " +
                 llvmErrorText(machine.takeError()));
  return std::move(*machine);
}

} // namespace

CompileSession::CompileSession() {
  initializeLLVMOnce();
  context = std::make_unique<mlir::MLIRContext>(compilerRegistry());
  // The messages name the location; a dump of the op would drown them.
  context->printOpOnDiagnostic(false);
  handler = std::make_unique<mlir::ScopedDiagnosticHandler>(
      context.get(), [this](mlir::Diagnostic &diagnostic) {
        record(diagnostic);
        return mlir::success();
      });
}

CompileSession::~CompileSession() = default;

void CompileSession::record(mlir::Diagnostic &diagnostic) {
  std::lock_guard<std::mutex> lock(diagnosticsMutex);
  auto append = [&](mlir::Diagnostic &one) {
    diagnostics += formatLocation(one.getLocation());
    diagnostics += severityName(one.getSeverity());
    diagnostics += ": " + one.str() + "\n";
  };
  append(diagnostic);
  for (mlir::Diagnostic &note : diagnostic.getNotes())
    append(note);
}

Error CompileSession::failure(const std::string &summary) {
  std::lock_guard<std::mutex> lock(diagnosticsMutex);
  std::string message = summary;
  if (!diagnostics.empty()) {
    message += ":\n" + diagnostics;
    if (message.back() == '\n')
      message.pop_back();
  }
  diagnostics.clear();
  return Error(message);
}

Expected<mlir::OwningOpRef<mlir::ModuleOp>>
CompileSession::parse(std::string_view text, std::string_view bufferName) {
  if (Expected<std::monostate> checked = checkSourceText(text, bufferName);
      !checked)
    return Error("cannot parse '" + std::string(bufferName) + "':\n" +
                 checked.error().message());
  mlir::ParserConfig config(context.get());
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(
          llvm::StringRef(text.data(), text.size()), config,
          llvm::StringRef(bufferName.data(), bufferName.size()));
  if (!module)
    return failure("cannot parse '" + std::string(bufferName) + "'");
  return module;
}

Expected<mlir::OwningOpRef<mlir::ModuleOp>>
CompileSession::copy(mlir::ModuleOp module) {
  std::string bytecode;
  llvm::raw_string_ostream stream(bytecode);
  if (mlir::failed(mlir::writeBytecodeToFile(module, stream)))
    return Error("cannot serialize the module to copy it into the compiler's "
                 "context");
  mlir::ParserConfig config(context.get());
  // Parsing from a string reads through a MemoryBufferRef, which makes the
  // reader copy everything it keeps: `bytecode` may die afterwards.
  mlir::OwningOpRef<mlir::ModuleOp> copied =
      mlir::parseSourceString<mlir::ModuleOp>(bytecode, config, "<module>");
  if (!copied)
    return failure("cannot copy the module into the compiler's context");
  return copied;
}

Expected<std::monostate>
CompileSession::instrument(mlir::ModuleOp module,
                           const CompilerOptions &options) {
  if (!options.checkNumerics)
    return std::monostate{};
  mlir::PassManager pm(context.get(), mlir::ModuleOp::getOperationName());
  pm.addPass(loom::createLoomCheckNumerics());
  if (mlir::failed(pm.run(module)))
    return failure("cannot add the NaN/Inf checks of --check-numerics");
  return std::monostate{};
}

Expected<std::monostate>
CompileSession::lower(mlir::ModuleOp module,
                      const std::vector<LoweringStage> &stages) {
  if (mlir::failed(checkTensorSizes(module)))
    return failure("the module has a tensor too large to compile");
  for (const LoweringStage &stage : stages) {
    mlir::PassManager pm(context.get(), mlir::ModuleOp::getOperationName());
    stage.build(pm);
    auto failedPass = std::make_shared<std::string>();
    pm.addInstrumentation(std::make_unique<FailedPassRecorder>(failedPass));
    if (mlir::failed(pm.run(module))) {
      std::string summary = "lowering stage '" + stage.name + "' failed";
      if (!failedPass->empty())
        summary += " in pass '" + *failedPass + "'";
      return failure(summary);
    }
  }
  return std::monostate{};
}

Expected<Executable> CompileSession::compile(
    mlir::ModuleOp module, const std::vector<LoweringStage> &stages,
    const CompilerOptions &options) {
  Expected<std::monostate> threads = checkThreads(options);
  if (!threads)
    return threads.error();
  mlir::FailureOr<std::vector<Signature>> signatures = readSignatures(module);
  if (mlir::failed(signatures) || mlir::failed(checkBodies(module)))
    return failure("cannot compile the module");
  Expected<std::unique_ptr<llvm::TargetMachine>> machine =
      hostTargetMachine(options);
  if (!machine)
    return machine.error();

  Expected<std::monostate> instrumented = instrument(module, options);
  if (!instrumented)
    return instrumented.error();
  Expected<std::map<int64_t, NumericCheck>> numericChecks =
      readNumericChecks(module);
  if (!numericChecks)
    return numericChecks.error();
  Expected<std::monostate> lowered = lower(module, stages);
  if (!lowered)
    return lowered.error();

  // Check the calling convention before the JIT sees the code.
  for (const Signature &signature : *signatures) {
    std::string wrapper = "_mlir_ciface_" + signature.entry;
    auto function = module.lookupSymbol<mlir::LLVM::LLVMFuncOp>(wrapper);
    size_t expected =
        signature.arguments.size() +
        llvm::count(signature.resultTiedTo, std::optional<size_t>());
    if (!function)
      return Error("the lowered module has no '" + wrapper + "': the " +
                   "lowering must mark '" + signature.entry +
                   "' with llvm.emit_c_interface");
    if (function.getNumArguments() != expected)
      return Error("the lowered '" + wrapper + "' takes " +
                   std::to_string(function.getNumArguments()) +
                   " arguments, expected " + std::to_string(expected) +
                   " (one memref per input, then one per untied result)");
  }

  // The transformer is a function_ref: keep the function alive through
  // `create`, which runs it.
  std::function<llvm::Error(llvm::Module *)> optimizer =
      mlir::makeOptimizingTransformer(options.optLevel, /*sizeLevel=*/0,
                                      machine->get());
  mlir::ExecutionEngineOptions engineOptions;
  engineOptions.transformer = optimizer;
  engineOptions.jitCodeGenOptLevel = codeGenOptLevel(options.optLevel);
  engineOptions.enablePerfNotificationListener = false;
  auto engine =
      mlir::ExecutionEngine::create(module, engineOptions, std::move(*machine));
  if (!engine)
    return failure("JIT compilation failed: " +
                   llvmErrorText(engine.takeError()));

  auto state = std::make_unique<ExecutableState>();
  state->engine = std::move(*engine);
  state->numericChecks = std::move(*numericChecks);
  if (!state->numericChecks.empty())
    state->engine->registerSymbols(finiteCheckerSymbols);
  state->engine->initialize();
  for (Signature &signature : *signatures) {
    auto function =
        state->engine->lookupPacked("_mlir_ciface_" + signature.entry);
    if (!function)
      return Error("cannot link '" + signature.entry +
                   "': " + llvmErrorText(function.takeError()));
    state->entries.push_back({std::move(signature), *function});
  }
  return Executable(std::move(state));
}

Expected<std::string> CompileSession::emit(mlir::ModuleOp module,
                                           EmitKind kind,
                                           const CompilerOptions &options) {
  Expected<std::monostate> threads = checkThreads(options);
  if (!threads)
    return threads.error();
  Expected<std::monostate> instrumented = instrument(module, options);
  if (!instrumented)
    return instrumented.error();
  std::vector<LoweringStage> stages = cpuLoweringStages(options);
  // The stage after which each IR kind is printed.
  if (kind == EmitKind::Loom)
    stages.resize(1);
  else if (kind == EmitKind::Linalg)
    stages.resize(2);
  Expected<std::monostate> lowered = lower(module, stages);
  if (!lowered)
    return lowered.error();

  std::string output;
  llvm::raw_string_ostream stream(output);
  if (kind == EmitKind::Loom || kind == EmitKind::Linalg ||
      kind == EmitKind::LLVMDialect) {
    module.print(stream);
    return output;
  }

  Expected<std::unique_ptr<llvm::TargetMachine>> machine =
      hostTargetMachine(options);
  if (!machine)
    return machine.error();
  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule =
      mlir::translateModuleToLLVMIR(module, llvmContext);
  if (!llvmModule)
    return failure("cannot translate the LLVM dialect to LLVM IR");
  mlir::ExecutionEngine::setupTargetTripleAndDataLayout(llvmModule.get(),
                                                        machine->get());
  auto optimizer = mlir::makeOptimizingTransformer(options.optLevel,
                                                   /*sizeLevel=*/0,
                                                   machine->get());
  if (llvm::Error error = optimizer(llvmModule.get()))
    return Error("LLVM optimization failed: " + llvmErrorText(std::move(error)));
  if (kind == EmitKind::LLVMIR) {
    llvmModule->print(stream, /*AAW=*/nullptr);
    return output;
  }

  llvm::SmallString<0> code;
  llvm::raw_svector_ostream codeStream(code);
  llvm::legacy::PassManager codegen;
  auto fileType = kind == EmitKind::Asm ? llvm::CodeGenFileType::AssemblyFile
                                        : llvm::CodeGenFileType::ObjectFile;
  if ((*machine)->addPassesToEmitFile(codegen, codeStream, nullptr, fileType))
    return Error("the host target cannot emit " +
                 std::string(emitKindName(kind)));
  codegen.run(*llvmModule);
  return std::string(code.str());
}

} // namespace loom::detail
