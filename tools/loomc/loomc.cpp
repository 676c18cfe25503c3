//===- loomc.cpp - The Loom compiler driver --------------------------------===//
//
// Compiles a loom-dialect .mlir file or a built-in model, prints the module
// after any stage, or JIT-runs an entry point and summarizes its results.
// Every error goes to stderr (MLIR's diagnostic format where there is a
// location) and makes the exit status non-zero.
//
//===----------------------------------------------------------------------===//
#include "Benchmark.h"

#include "loom/Data/BatchLoader.h"
#include "loom/Data/FashionMNIST.h"
#include "loom/Dialect/Loom/Transforms/Autodiff.h"
#include "loom/InitAll.h"
#include "loom/Models/Models.h"
#include "loom/Compiler/Compiler.h"
#include "loom/Runtime/Files.h"
#include "loom/Compiler/MLIRCompile.h"
#include "loom/Runtime/Communicator.h"
#include "loom/Runtime/Npy.h"
#include "loom/Runtime/Parameters.h"
#include "loom/Runtime/SourceText.h"
#include "loom/Support/Diagnostics.h"
#include "loom/Support/CounterRNG.h"
#include "loom/ModelTraining/ModelTraining.h"
#include "loom/Target/CPU/CPUBackend.h"
#include "loom/Target/TargetBackend.h"
#include "loom/Training/Trainer.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"

#include <fmt/format.h>

#include <cmath>
#include <memory>
#include <optional>
#include <set>

#include <fcntl.h>
#include <unistd.h>

namespace cl = llvm::cl;

static cl::OptionCategory loomcCategory("loomc options");

static cl::opt<std::string> inputFile(cl::Positional,
                                      cl::desc("<input .mlir file>"),
                                      cl::cat(loomcCategory));
static cl::opt<std::string>
    modelName("model",
              cl::desc("Build a reference model instead of reading a file "
                       "(ae, vae, gan, attn, attn-fmnist)"),
              cl::cat(loomcCategory));
static cl::opt<int64_t> batchSize("batch",
                                  cl::desc("Batch size of a built-in model"),
                                  cl::init(0), cl::cat(loomcCategory));
// The description lists the target's stages; main() fills it in.
static cl::opt<std::string> emitStage("emit", cl::cat(loomcCategory));
static cl::opt<std::string> outputFile("o", cl::desc("Output file for --emit "
                                                     "(the directory of "
                                                     "--emit=artifact)"),
                                       cl::value_desc("file"), cl::init("-"),
                                       cl::cat(loomcCategory));
static cl::opt<std::string> saveArtifactDir(
    "save-artifact",
    cl::desc("Compile and save the module as an artifact in DIR (a shared "
             "library and its manifest) that LoomRuntime loads with "
             "loom::loadArtifact; with --train-step, the training step"),
    cl::value_desc("dir"), cl::cat(loomcCategory));
static cl::opt<std::string> artifactName(
    "artifact-name",
    cl::desc("With --emit=artifact: the C identifier naming the header, its "
             "namespace and the object's symbols (default: the model's or "
             "file's name, with _train_step for --train-step)"),
    cl::value_desc("name"), cl::cat(loomcCategory));
static cl::opt<std::string> paramsDir(
    "params",
    cl::desc("With --run or --emit=artifact: read every parameter from "
             "DIR/<name>.npy (as --emit=artifact writes them under "
             "DIR/params) instead of drawing it from its loom.init"),
    cl::value_desc("dir"), cl::cat(loomcCategory));
static cl::opt<bool> runEntry("run", cl::desc("JIT-compile and run an entry"),
                              cl::cat(loomcCategory));
static cl::opt<std::string> saveCheckpoint(
    "save",
    cl::desc("With --train-step --run: write the trained parameters and "
             "optimizer state to this checkpoint file after the steps"),
    cl::value_desc("file"), cl::cat(loomcCategory));
static cl::opt<std::string> loadCheckpoint(
    "load",
    cl::desc("With --run: take the parameters from this checkpoint (written by "
             "--save or Trainer::save), by name; with --train-step also the "
             "optimizer state and step count, and training resumes"),
    cl::value_desc("file"), cl::cat(loomcCategory));
static cl::opt<bool> benchMode(
    "bench",
    cl::desc("--run, timed: compile once, then call the entry (with "
             "--train-step, take training steps) after one warm-up at least "
             "20 times and for about 2 s; prints the median, min and max ms, "
             "the GFLOP/s of its matrix products and convolutions and their "
             "share of the FMA peak, and ends with median_ms=<value>"),
    cl::cat(loomcCategory));
static cl::opt<double> peakGflops(
    "peak-gflops",
    cl::desc("The FMA peak --bench reports a share of, in GFLOP/s (default: "
             "the CPU description's f32 lanes x 2 x FMA units x the maximum "
             "clock Linux reports x --num-threads)"),
    cl::init(0), cl::cat(loomcCategory));
static cl::opt<std::string>
    entryName("entry", cl::desc("Entry function to run (default: the first)"),
              cl::cat(loomcCategory));
static cl::list<std::string>
    inputFiles("inputs",
               cl::desc("Comma-separated .npy files, one per input argument "
                        "(parameters are initialized from their loom.init, "
                        "optimizer state to zeros)"),
               cl::CommaSeparated, cl::cat(loomcCategory));
static cl::opt<std::string>
    outputDir("outputs", cl::desc("Write every result as DIR/<result name>.npy"),
              cl::value_desc("dir"), cl::cat(loomcCategory));
// libLLVM already registers a hidden top-level "threads" option.
static cl::opt<unsigned>
    threads("num-threads",
            cl::desc("Threads the compiled code runs large ops on (--run, "
                     "--train-step, and the code of --emit=llvm|llvmir|asm|obj)"),
            cl::init(1), cl::cat(loomcCategory));
// The description lists the registered backends; main() fills it in.
static cl::opt<std::string> targetName("target", cl::init("cpu"),
                                       cl::cat(loomcCategory));
static cl::opt<std::string>
    cpuName("cpu",
            cl::desc("CPU to generate code for, as LLVM names it (e.g. "
                     "znver4, x86-64-v3, skylake-avx512) or host; --run "
                     "needs one whose features the host has"),
            cl::init("host"), cl::cat(loomcCategory));
static cl::opt<std::string> cpuFeatures(
    "cpu-features",
    cl::desc("LLVM CPU features added (+name) or removed (-name), "
             "comma-separated, e.g. -avx512f"),
    cl::cat(loomcCategory));
static cl::opt<std::string> gpuArch(
    "gpu-arch",
    cl::desc("NVIDIA GPU architecture of --target=nvptx|nvptx-host: sm_80, "
             "sm_86, sm_89 or sm_90"),
    cl::init("sm_80"), cl::cat(loomcCategory));
static cl::opt<bool> gpuTF32(
    "gpu-tf32",
    cl::desc("On --target=nvptx, f32 matrix products on tensor cores with "
             "TF32 inputs: faster, results differ from f32 (default: three "
             "TF32 products, about f32 accuracy)"),
    cl::cat(loomcCategory));
static cl::opt<bool> printTarget(
    "print-target",
    cl::desc("Print what --target and --cpu describe (vector width, vector "
             "registers, FMA units, caches) and exit"),
    cl::cat(loomcCategory));
static cl::opt<bool> checkNumerics(
    "check-numerics",
    cl::desc("Check every float result for NaN and Inf as the code runs; the "
             "first op that produced one is reported with its location and "
             "the run fails (--run, --train-step, and --emit)"),
    cl::cat(loomcCategory));
static cl::opt<bool> noCache(
    "no-cache",
    cl::desc("Compile without the on-disk compile cache ($LOOM_CACHE_DIR, "
             "default $XDG_CACHE_HOME/loom or ~/.cache/loom), which otherwise "
             "reuses code compiled before (--run, --train-step --run)"),
    cl::cat(loomcCategory));
static cl::opt<bool> timing(
    "timing",
    cl::desc("Print, to stderr, the time of every MLIR pass by stage and of "
             "LLVM's translation, IR optimizer and machine code generation"),
    cl::cat(loomcCategory));
static cl::opt<uint64_t> seed("seed",
                              cl::desc("Seed for parameters, random inputs and "
                                       "rank-0 i64 seed arguments"),
                              cl::init(0), cl::cat(loomcCategory));

static cl::opt<bool>
    gradMode("grad",
             cl::desc("Differentiate the entry (--entry, default the first "
                      "function) with loom-autodiff; --emit prints the module "
                      "with @<entry>_grad, --run runs @<entry>_grad"),
             cl::cat(loomcCategory));
static cl::opt<bool> trainStepMode(
    "train-step",
    cl::desc("Build the training step (a model's own optimizer from docs/models.md; "
             "Adam for a file's entry); --emit prints it, --run trains"),
    cl::cat(loomcCategory));
static cl::opt<bool> dataParallel(
    "data-parallel",
    cl::desc("With --train-step: every rank of the MPI job (mpirun) runs the "
             "step on its share of each batch and the step averages the "
             "gradients over the ranks; --batch is the global batch (a "
             "file's shapes are each rank's); rank 0 alone prints and saves"),
    cl::cat(loomcCategory));

/// MPI's world with --data-parallel (set by drive), else null.
static std::shared_ptr<loom::Communicator> ranks;
static cl::opt<std::string> optimizerName(
    "optimizer",
    cl::desc("Optimizer of --train-step: sgd, adam or adamw with PyTorch's "
             "defaults (default: the model's own, or adam)"),
    cl::cat(loomcCategory));
static cl::opt<double> learningRate("lr",
                                    cl::desc("Learning rate for --optimizer"),
                                    cl::init(0), cl::cat(loomcCategory));
static cl::opt<int64_t> trainSteps("steps",
                                   cl::desc("Training steps for --train-step "
                                            "--run"),
                                   cl::init(1), cl::cat(loomcCategory));
static cl::opt<std::string> dataDir(
    "data",
    cl::desc("Train on Fashion-MNIST from this directory (inputs 'x' get "
             "images, 'labels' labels; otherwise stand-in data)"),
    cl::value_desc("dir"), cl::cat(loomcCategory));
static cl::opt<int64_t>
    trainImages("train-images",
                cl::desc("Use only the first N training images with --data"),
                cl::init(0), cl::cat(loomcCategory));

namespace {

loom::CompilerOptions compilerOptions() {
  loom::CompilerOptions options;
  options.threads = threads;
  options.checkNumerics = checkNumerics;
  options.timing = timing;
  options.cache = !noCache;
  options.target = targetName;
  options.cpu = cpuName;
  options.cpuFeatures = cpuFeatures;
  options.gpuArch = gpuArch;
  options.gpuTF32 = gpuTF32;
  return options;
}

int fail(const std::string &message) {
  llvm::errs() << "loomc: error: " << message << "\n";
  return 1;
}

/// Library errors that carry an MLIR location are printed as they are; the
/// others get the tool's prefix, so every message reads `...: error: ...`.
int fail(const loom::Error &error) {
  std::string message = error.message();
  if (!llvm::StringRef(message).contains(": error: "))
    return fail(message);
  llvm::errs() << message << "\n";
  return 1;
}

/// A deterministic stand-in for data: floats in [0, 1), integers in [0, 10)
/// (class labels), and the seed itself for rank-0 i64 seed arguments.
/// The peak --bench reports a share of: --peak-gflops, or the described
/// CPU's (nothing when Linux reports no clock).
std::optional<double> benchmarkPeak() {
  if (peakGflops > 0)
    return peakGflops.getValue();
  loom::Expected<loom::CPUTarget> target =
      loom::describeCPU(cpuName.getValue(), cpuFeatures.getValue());
  if (!target)
    return std::nullopt;
  return loom::tools::fmaPeakGflops(*target, threads);
}

/// Times `call` as --bench says; the exit status.
int benchmark(const std::function<loom::Expected<void>()> &call,
              double flops) {
  loom::Expected<void> timed =
      loom::tools::runBenchmark(call, flops, benchmarkPeak(), llvm::outs());
  return timed ? 0 : fail(timed.error());
}

loom::Tensor randomInput(const loom::TensorSpec &spec, uint64_t stream) {
  loom::Tensor tensor = loom::Tensor::zeros(spec.shape, spec.dtype);
  int64_t count = tensor.numElements();
  for (int64_t i = 0; i < count; ++i) {
    double u = loom::rng::uniform<double>(seed, stream, i);
    switch (spec.dtype) {
    case loom::DType::F32:
      tensor.data<float>()[i] = static_cast<float>(u);
      break;
    case loom::DType::F64:
      tensor.data<double>()[i] = u;
      break;
    case loom::DType::I1:
      tensor.data<bool>()[i] = u < 0.5;
      break;
    case loom::DType::I32:
      tensor.data<int32_t>()[i] = static_cast<int32_t>(u * 10);
      break;
    case loom::DType::I64:
      tensor.data<int64_t>()[i] =
          spec.shape.empty() ? static_cast<int64_t>(seed)
                             : static_cast<int64_t>(u * 10);
      break;
    }
  }
  return tensor;
}

void printSummary(llvm::StringRef label, const loom::Tensor &tensor) {
  int64_t count = tensor.numElements();
  if (count == 0) {
    llvm::outs() << label << ": " << tensor.typeString() << "  (no elements)\n";
    return;
  }
  double sum = 0, sumSquares = 0;
  double low = INFINITY, high = -INFINITY;
  int64_t nonFinite = 0;
  for (int64_t i = 0; i < count; ++i) {
    double v = tensor.elementAsDouble(i);
    if (!std::isfinite(v)) {
      ++nonFinite;
      continue;
    }
    sum += v;
    sumSquares += v * v;
    low = std::min(low, v);
    high = std::max(high, v);
  }
  int64_t finite = count - nonFinite;
  std::string line = label.str() + ": " + tensor.typeString();
  if (finite) {
    double mean = sum / finite;
    double variance = std::max(0.0, sumSquares / finite - mean * mean);
    line += fmt::format("  mean={:.6g} std={:.6g} min={:.6g} max={:.6g} "
                        "sum={:.6g}",
                        mean, std::sqrt(variance), low, high, sum);
  }
  if (nonFinite)
    line += fmt::format("  non-finite={}", nonFinite);
  llvm::outs() << line << "\n";
  if (count <= 8) {
    std::vector<std::string> values;
    for (int64_t i = 0; i < count; ++i)
      values.push_back(fmt::format("{:.6g}", tensor.elementAsDouble(i)));
    llvm::outs() << "  values: [" << llvm::join(values, ", ") << "]\n";
  }
}

int emitModule(mlir::ModuleOp module, const std::string &emitName) {
  if (emitName == "obj" && outputFile == "-")
    return fail("--emit=obj writes binary: give an output file with -o");
  loom::Expected<std::string> text =
      loom::emit(module, emitName, compilerOptions());
  if (!text)
    return fail(text.error());
  auto written = loom::writeFileAtomically(outputFile, *text);
  if (!written)
    return fail(written.error());
  return 0;
}

int saveArtifact(mlir::ModuleOp module) {
  loom::Expected<void> saved =
      loom::saveArtifact(module, saveArtifactDir, compilerOptions());
  if (!saved)
    return fail(saved.error());
  return 0;
}

/// Replaces `parameters` (the entry's, in order) with the checkpoint's of
/// the same names; the problem when one is missing or differs in type.
std::optional<std::string>
parametersFromCheckpoint(const loom::Signature &signature,
                         std::vector<loom::Tensor> &parameters) {
  auto stored = loom::training::readCheckpointParameters(loadCheckpoint);
  if (!stored)
    return stored.error().message();
  size_t next = 0;
  for (const loom::ArgumentInfo &argument : signature.arguments) {
    if (argument.kind != loom::ArgumentKind::Parameter)
      continue;
    loom::Tensor &target = parameters[next++];
    auto found = llvm::find_if(*stored, [&](const loom::training::NamedTensor &t) {
      return t.name == argument.name;
    });
    if (found == stored->end())
      return fmt::format("checkpoint '{}' has no parameter '{}' (the entry's "
                         "parameter {})",
                         loadCheckpoint.getValue(), argument.name,
                         argument.type.str());
    if (found->tensor.shape() != target.shape() ||
        found->tensor.dtype() != target.dtype())
      return fmt::format("checkpoint '{}': parameter '{}' is {}, the entry "
                         "takes {}",
                         loadCheckpoint.getValue(), argument.name,
                         found->tensor.typeString(), target.typeString());
    target = std::move(found->tensor);
  }
  return std::nullopt;
}

/// The parameters of `signature`, in order: from --params, else drawn from
/// their loom.init with --seed and replaced by --load's of the same names.
loom::Expected<std::vector<loom::Tensor>>
entryParameters(const loom::Signature &signature) {
  if (!paramsDir.empty())
    return loom::readParameterFiles(signature, paramsDir);
  loom::Expected<std::vector<loom::Tensor>> parameters =
      loom::initialParameters(signature, seed);
  if (!parameters || loadCheckpoint.empty())
    return parameters;
  if (std::optional<std::string> problem =
          parametersFromCheckpoint(signature, *parameters))
    return loom::Error(loom::ErrorKind::InvalidArgument, *problem);
  return parameters;
}

/// `text` as an identifier for an artifact's default name.
std::string identifierOf(llvm::StringRef text) {
  std::string name;
  for (char c : text)
    name += llvm::isAlnum(c) ? c : '_';
  if (name.empty() || llvm::isDigit(name.front()))
    name = "model_" + name;
  return name;
}

/// --emit=artifact: the object, header and manifest of `module`, then every
/// parameter once by name under DIR/params.
int emitAheadOfTime(mlir::ModuleOp module) {
  if (outputFile == "-")
    return fail("--emit=artifact writes a directory: give it with -o DIR");
  std::string name = artifactName;
  if (name.empty()) {
    name = identifierOf(modelName.empty()
                            ? llvm::sys::path::stem(inputFile.getValue())
                            : llvm::StringRef(modelName.getValue()));
    if (trainStepMode)
      name += "_train_step";
  }
  loom::Expected<loom::ArtifactInfo> info =
      loom::emitAheadOfTime(module, outputFile, name, compilerOptions());
  if (!info)
    return fail(info.error());
  std::string parameterDir = outputFile + "/params";
  std::set<std::string> written;
  for (const loom::Signature &signature : info->signatures) {
    loom::Expected<std::vector<loom::Tensor>> parameters =
        entryParameters(signature);
    if (!parameters)
      return fail(parameters.error());
    // The parameters no earlier entry wrote.
    loom::Signature remaining = signature;
    remaining.arguments.clear();
    std::vector<loom::Tensor> values;
    size_t next = 0;
    for (const loom::ArgumentInfo &argument : signature.arguments) {
      if (argument.kind != loom::ArgumentKind::Parameter)
        continue;
      const loom::Tensor &value = (*parameters)[next++];
      if (written.insert(argument.name).second) {
        remaining.arguments.push_back(argument);
        values.push_back(value);
      }
    }
    if (loom::Expected<void> saved =
            loom::writeParameterFiles(remaining, values, parameterDir);
        !saved)
      return fail(saved.error());
  }
  llvm::outs() << fmt::format("wrote {0}/{1}.o, {0}/{1}.h, {0}/{2} and {3} "
                              "parameters in {4}\n",
                              outputFile.getValue(), name,
                              loom::kArtifactManifestFile, written.size(),
                              parameterDir);
  return 0;
}

int runModule(mlir::ModuleOp module) {
  loom::Expected<loom::Executable> executable =
      loom::compileModule(module, compilerOptions());
  if (!executable)
    return fail(executable.error());
  std::vector<std::string> entries = executable->entryNames();
  if (entries.empty())
    return fail("the module has no public function to run");
  std::string entry = entryName.empty() ? entries.front() : entryName.getValue();
  const loom::Signature *signature = executable->signature(entry);
  if (!signature)
    return fail(fmt::format("no entry named '{}'; entries: {}", entry,
                            llvm::join(entries, ", ")));

  loom::Expected<std::vector<loom::Tensor>> parameters =
      entryParameters(*signature);
  if (!parameters)
    return fail(parameters.error());
  std::vector<loom::Tensor> args;
  size_t nextParameter = 0, nextInput = 0;
  for (const loom::ArgumentInfo &argument : signature->arguments) {
    if (argument.kind == loom::ArgumentKind::Parameter) {
      args.push_back((*parameters)[nextParameter++]);
      continue;
    }
    // Optimizer state starts at zeros, as before a trainer's first step.
    if (argument.kind == loom::ArgumentKind::State) {
      args.push_back(loom::Tensor::zeros(argument.type.shape, argument.type.dtype));
      continue;
    }
    if (inputFiles.empty()) {
      args.push_back(randomInput(argument.type, 1000 + args.size()));
      continue;
    }
    if (nextInput >= inputFiles.size())
      return fail(fmt::format("entry '{}' takes more inputs than the {} given "
                              "with --inputs (next: '{}' {})",
                              entry, inputFiles.size(), argument.name,
                              argument.type.str()));
    loom::Expected<loom::Tensor> tensor = loom::readNpy(inputFiles[nextInput++]);
    if (!tensor)
      return fail(tensor.error());
    args.push_back(*tensor);
  }
  if (!inputFiles.empty() && nextInput != inputFiles.size())
    return fail(fmt::format("entry '{}' takes {} inputs but --inputs gave {}",
                            entry, nextInput, inputFiles.size()));

  if (benchMode) {
    llvm::outs() << "entry @" << entry << " (" << nextParameter
                 << " parameters, seed " << seed.getValue() << ")\n";
    mlir::func::FuncOp function = module.lookupSymbol<mlir::func::FuncOp>(entry);
    return benchmark(
        [&]() -> loom::Expected<void> {
          auto results = executable->run(entry, args);
          if (!results)
            return results.error();
          return {};
        },
        function ? loom::tools::contractionFlops(function) : 0);
  }
  loom::Expected<std::vector<loom::Tensor>> results =
      executable->run(entry, args);
  if (!results)
    return fail(results.error());
  llvm::outs() << "entry @" << entry << " (" << nextParameter
               << " parameters, seed " << seed.getValue() << ")\n";
  if (!outputDir.empty()) {
    if (std::error_code ec = llvm::sys::fs::create_directories(outputDir))
      return fail(fmt::format("cannot create '{}': {}", outputDir.getValue(),
                              ec.message()));
  }
  for (auto [index, result] : llvm::enumerate(*results)) {
    const std::string &name = signature->results[index].name;
    bool named = name != fmt::format("result{}", index);
    printSummary(fmt::format("result #{}{}{}", index, named ? " " : "",
                             named ? name : ""),
                 result);
    if (outputDir.empty())
      continue;
    loom::Expected<std::string> path = loom::tensorFile(outputDir, name);
    if (!path)
      return fail(path.error());
    if (auto written = loom::writeNpy(*path, result); !written)
      return fail(written.error());
  }
  return 0;
}

/// The function --grad and --train-step start from: --entry or the first
/// function with a body.
mlir::func::FuncOp selectedFunction(mlir::ModuleOp module) {
  for (auto function : module.getOps<mlir::func::FuncOp>())
    if (!function.isExternal() &&
        (entryName.empty() || function.getSymName() == entryName))
      return function;
  return {};
}

/// Runs loom-autodiff on the selected function, adding @<name>_grad. A
/// function whose loss is its last result (the models') is first copied with
/// the loss moved to the front.
int addGradient(mlir::ModuleOp module, std::string &gradName) {
  mlir::func::FuncOp function = selectedFunction(module);
  if (!function)
    return fail(entryName.empty()
                    ? std::string("the module has no function to differentiate")
                    : fmt::format("no function named '{}'", entryName.getValue()));
  gradName = function.getSymName().str() + "_grad";
  mlir::ScopedDiagnosticHandler diagnostics(
      module.getContext(), [&](mlir::Diagnostic &diagnostic) {
        bool located = !loom::formatLocation(diagnostic.getLocation()).empty();
        llvm::errs() << (located ? "" : "loomc: ")
                     << loom::formatDiagnostic(diagnostic) << "\n";
        return mlir::success();
      });
  loom::Expected<unsigned> lossIndex =
      loom::training::lossResultIndex(function);
  if (!lossIndex)
    return fail(lossIndex.error());
  mlir::func::FuncOp lossFirst = function;
  if (*lossIndex != 0) {
    auto copied = loom::training::buildLossFirstFunction(
        function, function.getSymName().str() + "_loss_first");
    if (!copied)
      return fail(copied.error());
    lossFirst = *copied;
  }
  auto grad = loom::buildGradientFunction(
      lossFirst, loom::differentiatedArguments(lossFirst), gradName);
  if (lossFirst != function)
    lossFirst.erase();
  if (mlir::failed(grad))
    return 1;
  grad->setPublic();
  return 0;
}

/// The ranks of a data-parallel run, 1 without --data-parallel.
int64_t rankCount() { return ranks ? ranks->size() : 1; }

/// Fills the batch inputs of a training step: Fashion-MNIST when --data is
/// given (images for 'x', labels for 'labels'; each rank its share of every
/// global batch), else stand-in data; a rank-0 i64 'seed' changes with
/// every step and rank.
class BatchSource {
public:
  static loom::Expected<BatchSource>
  create(std::vector<loom::ArgumentInfo> inputs) {
    BatchSource source;
    source.inputs = std::move(inputs);
    for (const loom::ArgumentInfo &input : source.inputs)
      source.batch.push_back(randomInput(input.type, 1000 + source.batch.size()));
    if (dataDir.empty())
      return source;
    std::optional<int64_t> limit;
    if (trainImages > 0)
      limit = trainImages.getValue();
    auto dataset = loom::data::loadFashionMNIST(loom::data::Split::Train,
                                                limit, dataDir);
    if (!dataset)
      return dataset.error();
    for (const loom::ArgumentInfo &input : source.inputs)
      if (input.name == "x") {
        loom::data::BatchOptions options;
        options.batchSize = input.type.shape.front() * rankCount();
        options.seed = seed;
        options.dropLast = true;
        options.shard = ranks ? ranks->rank() : 0;
        options.shards = rankCount();
        source.loader.emplace(*dataset, options);
        if (source.loader->batchesPerEpoch() == 0)
          return loom::Error(loom::ErrorKind::InvalidArgument, fmt::format(
              "--data: {} images make no full batch of {}", dataset->size(),
              options.batchSize));
        return source;
      }
    return loom::Error(loom::ErrorKind::InvalidArgument, "--data needs a batch input named 'x'");
  }

  /// The batch of step `step` (counting from 0).
  const std::vector<loom::Tensor> &next(int64_t step) {
    for (auto [input, tensor] : llvm::zip(inputs, batch))
      if (input.name == "seed" && input.type.shape.empty() &&
          input.type.dtype == loom::DType::I64)
        *tensor.data<int64_t>() =
            static_cast<int64_t>(seed) + step * rankCount() + (ranks ? ranks->rank() : 0);
    if (!loader)
      return batch;
    int64_t perEpoch = loader->batchesPerEpoch();
    // A run resumed from a checkpoint starts inside an epoch: the batches
    // before its first step are drawn and dropped, so every step sees the
    // batch it would have seen without the interruption.
    if (step % perEpoch == 0 || step != nextStep) {
      loader->startEpoch(step / perEpoch);
      for (int64_t skipped = 0; skipped < step % perEpoch; ++skipped)
        draw();
    }
    draw();
    nextStep = step + 1;
    return batch;
  }

private:
  /// The loader's next batch into the 'x' (and 'labels') inputs.
  void draw() {
    loom::Tensor *images = nullptr, *labels = nullptr;
    for (auto [input, tensor] : llvm::zip(inputs, batch)) {
      if (input.name == "x")
        images = &tensor;
      if (input.name == "labels")
        labels = &tensor;
    }
    if (labels)
      loader->next(*images, *labels);
    else
      loader->next(*images);
  }

  int64_t nextStep = 0;
  std::vector<loom::ArgumentInfo> inputs;
  std::vector<loom::Tensor> batch;
  std::optional<loom::data::BatchLoader> loader;
};

/// Trains for --steps, or times training steps with --bench (`flops`: the
/// contractions of one step).
int runTraining(loom::Expected<loom::training::Trainer> trainer, double flops) {
  if (!trainer)
    return fail(trainer.error());
  if (!loadCheckpoint.empty())
    if (loom::Expected<void> loaded = trainer->load(loadCheckpoint); !loaded)
      return fail(loaded.error());
  auto source = BatchSource::create(trainer->batchInputs());
  if (!source)
    return fail(source.error());
  llvm::outs() << "training step @" << trainer->layout().entry << ": "
               << trainer->parameters().size() << " parameters, "
               << loom::training::describe(trainer->optimizer()) << ", seed "
               << seed.getValue();
  if (ranks)
    llvm::outs() << ", " << ranks->size() << " ranks on " << ranks->name();
  llvm::outs() << "\n";
  if (benchMode) {
    int64_t step = 0;
    return benchmark(
        [&]() -> loom::Expected<void> {
          auto losses = trainer->stepPhases(source->next(step++));
          if (!losses)
            return losses.error();
          return {};
        },
        flops);
  }
  // A resumed run continues the step count (and the data and seeds with it).
  int64_t first = static_cast<int64_t>(trainer->stepCount());
  for (int64_t step = first; step < first + trainSteps; ++step) {
    auto losses = trainer->stepPhases(source->next(step));
    if (!losses)
      return fail(losses.error());
    std::vector<std::string> values;
    for (double loss : *losses)
      values.push_back(fmt::format("{:.9g}", loss));
    llvm::outs() << "step " << step + 1 << " loss " << llvm::join(values, " ")
                 << "\n";
  }
  if (!saveCheckpoint.empty()) {
    if (loom::Expected<void> saved = trainer->save(saveCheckpoint); !saved)
      return fail(saved.error());
    llvm::outs() << "saved " << saveCheckpoint << " (step "
                 << trainer->stepCount() << ")\n";
  }
  return 0;
}

/// An error message when a flag was given that the chosen mode does not
/// read, or a value is out of range; checked before anything is compiled.
std::optional<std::string> misusedFlag() {
  auto given = [](const cl::Option &option) {
    return option.getNumOccurrences() > 0;
  };
  if (given(batchSize) && modelName.empty())
    return "--batch applies to --model only (a file's shapes are its own)";
  if (given(batchSize) && batchSize <= 0)
    return fmt::format("--batch must be positive, got {}",
                       batchSize.getValue());
  const cl::Option *trainingFlags[] = {&optimizerName, &learningRate,
                                       &trainSteps, &dataDir, &trainImages,
                                       &dataParallel};
  for (const cl::Option *flag : trainingFlags)
    if (given(*flag) && !trainStepMode)
      return fmt::format("--{} applies to --train-step only",
                         flag->ArgStr.str());
  if (given(trainSteps) && trainSteps <= 0)
    return fmt::format("--steps must be positive, got {}",
                       trainSteps.getValue());
  if (given(trainImages) && trainImages <= 0)
    return fmt::format("--train-images must be positive, got {}",
                       trainImages.getValue());
  if (given(trainImages) && dataDir.empty())
    return "--train-images needs --data";
  // cl::list overloads operator& (it gives the values).
  const cl::Option *runFlags[] = {std::addressof(inputFiles), &outputDir};
  for (const cl::Option *flag : runFlags)
    if (given(*flag) && (!runEntry || trainStepMode))
      return fmt::format("--{} applies to --run without --train-step only",
                         flag->ArgStr.str());
  if (given(saveCheckpoint) && !(trainStepMode && runEntry))
    return "--save applies to --train-step --run only";
  bool aheadOfTime = emitStage == "artifact";
  if (given(loadCheckpoint) && !runEntry && !aheadOfTime)
    return "--load applies to --run (and --train-step --run) and "
           "--emit=artifact only";
  if (given(paramsDir) && !((runEntry && !trainStepMode) || aheadOfTime))
    return "--params applies to --run without --train-step and to "
           "--emit=artifact only";
  if (given(paramsDir) && given(loadCheckpoint))
    return "give at most one of --params and --load";
  if (given(artifactName) && !aheadOfTime)
    return "--artifact-name applies to --emit=artifact only";
  if (benchMode && given(outputDir))
    return "--outputs applies to --run, not --bench (which prints no results)";
  if (benchMode && given(trainSteps))
    return "--steps applies to --run, not --bench (which takes as many steps "
           "as it times)";
  if (given(peakGflops) && !benchMode)
    return "--peak-gflops applies to --bench only";
  if (given(peakGflops) && peakGflops <= 0)
    return fmt::format("--peak-gflops must be positive, got {}",
                       peakGflops.getValue());
  // Without --run or --save-artifact, loomc emits the loom stage by default.
  if (given(outputFile) && emitStage.empty() &&
      (runEntry || !saveArtifactDir.empty()))
    return "-o names the file of --emit; give --emit=<stage> with it";
  return std::nullopt;
}

} // namespace

/// Everything after the command line is parsed; returns the exit status.
int drive() {
  if (printTarget) {
    loom::Expected<const loom::TargetBackend *> backend =
        loom::targetBackendNamed(targetName);
    if (!backend)
      return fail(backend.error());
    auto target =
        (*backend)->resolve({cpuName, cpuFeatures, threads, gpuArch, gpuTF32});
    if (!target)
      return fail(target.error());
    llvm::outs() << (*target)->summary() << "\n";
    return 0;
  }
  if (inputFile.empty() == modelName.empty())
    return fail("give exactly one of an input .mlir file or --model=NAME");
  // --bench is --run, timed.
  if (benchMode)
    runEntry.setValue(true);
  if (std::optional<std::string> misuse = misusedFlag())
    return fail(*misuse);
  // Missing training data is reported before the compile it would waste.
  if (!dataDir.empty() && runEntry)
    if (loom::Expected<void> present = loom::data::checkFashionMNISTFiles(
            loom::data::Split::Train, dataDir);
        !present)
      return fail(present.error());
  std::optional<std::string> emitKind;
  if (!emitStage.empty()) {
    loom::Expected<std::vector<std::string>> names =
        loom::emitNames(compilerOptions());
    if (!names)
      return fail(names.error());
    names->push_back("artifact");
    if (!llvm::is_contained(*names, emitStage.getValue()))
      return fail(fmt::format("unknown --emit stage '{}'; expected one of {}",
                              emitStage.getValue(), llvm::join(*names, ", ")));
    emitKind = emitStage.getValue();
  }
  if (!runEntry && !emitKind && saveArtifactDir.empty())
    emitKind = "loom";

  // A built-in model owns its context; a file is parsed into ours.
  std::optional<loom::dsl::Module> model;
  // Loom programs are loom ops in func.func (and cf branches, which the
  // compiler rejects with its own message): only those parse. The parsers of
  // other dialects are MLIR's, and some crash on malformed input (a bad
  // linalg.transpose permutation segfaults); the compiler copies the module
  // into a context with every dialect the pipeline needs.
  mlir::DialectRegistry registry;
  registry.insert<mlir::func::FuncDialect, mlir::cf::ControlFlowDialect>();
  loom::registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  // The diagnostic shows the source line; a dump of the op would repeat it.
  context.printOpOnDiagnostic(false);
  mlir::OwningOpRef<mlir::ModuleOp> parsed;
  mlir::ModuleOp module;
  if (!modelName.empty()) {
    loom::models::ModelOptions options;
    if (batchSize > 0)
      options.batch = batchSize;
    auto built = loom::models::buildModel(modelName, options);
    if (!built)
      return fail(built.error());
    model.emplace(std::move(*built));
    module = model->module();
  } else {
    llvm::SourceMgr sourceMgr;
    mlir::SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);
    std::string errorMessage;
    auto file = mlir::openInputFile(inputFile, &errorMessage);
    if (!file)
      return fail(errorMessage);
    auto checked = loom::checkSourceText(file->getBuffer(), inputFile);
    if (!checked)
      return fail(checked.error());
    sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
    parsed = mlir::parseSourceFile<mlir::ModuleOp>(sourceMgr, &context);
    if (!parsed)
      return 1;
    module = *parsed;
  }

  if (gradMode && trainStepMode)
    return fail("give at most one of --grad and --train-step");
  if (gradMode) {
    std::string gradName;
    if (int status = addGradient(module, gradName))
      return status;
    entryName.setValue(gradName);
  }
  if (trainStepMode) {
    std::vector<loom::training::TrainPhase> phases;
    loom::training::Optimizer optimizer = loom::training::Adam{};
    // Only a run joins MPI's world; printing the step needs no ranks.
    if (dataParallel && runEntry) {
      auto world = loom::mpiWorld();
      if (!world)
        return fail(world.error());
      ranks = *world;
      // Ranks other than 0 print nothing but errors: their results are
      // rank 0's.
      if (ranks->rank() != 0) {
        llvm::outs().flush();
        int devNull = ::open("/dev/null", O_WRONLY);
        if (devNull >= 0) {
          ::dup2(devNull, STDOUT_FILENO);
          ::close(devNull);
        }
      }
    }
    if (!modelName.empty()) {
      loom::models::ModelOptions options;
      if (batchSize > 0)
        options.batch = batchSize;
      if (ranks) {
        // Each rank builds the model for its share of the global batch.
        if (!options.batch)
          return fail("--data-parallel with --model needs --batch, the global batch");
        if (*options.batch % rankCount() != 0)
          return fail(fmt::format("--batch {} does not split evenly over {} ranks",
                                  *options.batch, rankCount()));
        *options.batch /= rankCount();
      }
      auto training = loom::training::buildModelTraining(modelName, options);
      if (!training)
        return fail(training.error());
      phases = training->phases;
      optimizer = training->optimizer;
      model.emplace(std::move(training->module));
      module = model->module();
    } else {
      mlir::func::FuncOp function = selectedFunction(module);
      if (!function)
        return fail("the module has no function to train");
      phases.push_back({function.getSymName().str(), {}, ""});
    }
    if (!optimizerName.empty()) {
      if (optimizerName == "sgd")
        optimizer = loom::training::SGD{};
      else if (optimizerName == "adam")
        optimizer = loom::training::Adam{};
      else if (optimizerName == "adamw")
        optimizer = loom::training::AdamW{};
      else
        return fail(fmt::format("unknown --optimizer '{}'; expected sgd, adam "
                                "or adamw",
                                optimizerName.getValue()));
    }
    if (learningRate != 0)
      std::visit([](auto &config) { config.lr = learningRate; }, optimizer);
    loom::training::TrainStepOptions stepOptions;
    if (dataParallel)
      stepOptions.exchange = loom::training::GradientExchange{};
    if (emitKind) {
      auto stepModule = loom::training::buildTrainStepModule(
          module, phases, optimizer, nullptr, stepOptions);
      if (!stepModule)
        return fail(stepModule.error());
      if (int status = *emitKind == "artifact"
                           ? emitAheadOfTime(**stepModule)
                           : emitModule(**stepModule, *emitKind))
        return status;
    }
    if (!saveArtifactDir.empty()) {
      auto stepModule = loom::training::buildTrainStepModule(
          module, phases, optimizer, nullptr, stepOptions);
      if (!stepModule)
        return fail(stepModule.error());
      if (int status = saveArtifact(**stepModule))
        return status;
    }
    if (!runEntry)
      return 0;
    double flops = 0;
    if (benchMode) {
      auto stepModule = loom::training::buildTrainStepModule(
          module, phases, optimizer, nullptr, stepOptions);
      if (!stepModule)
        return fail(stepModule.error());
      // The step is the public function the builder added; the model's own
      // functions are beside it.
      for (auto function : (*stepModule)->getOps<mlir::func::FuncOp>())
        if (function.isPublic() &&
            !module.lookupSymbol<mlir::func::FuncOp>(function.getSymName()))
          flops += loom::tools::contractionFlops(function);
    }
    loom::training::TrainerOptions options;
    options.seed = seed;
    options.compiler = compilerOptions();
    options.communicator = ranks;
    return runTraining(
        loom::training::compileTrainStep(module, phases, optimizer, options),
        flops);
  }

  if (emitKind) {
    if (int status = *emitKind == "artifact" ? emitAheadOfTime(module)
                                             : emitModule(module, *emitKind))
      return status;
  }
  if (!saveArtifactDir.empty())
    if (int status = saveArtifact(module))
      return status;
  if (runEntry)
    return runModule(module);
  return 0;
}

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  cl::HideUnrelatedOptions(loomcCategory);
  // The stages of the default target, and what follows the last one.
  static const std::string emitDescription = [] {
    loom::Expected<std::vector<std::string>> names = loom::emitNames();
    return "Print the module after a stage, or its translation: " +
           (names ? llvm::join(*names, ", ") : std::string("(none)")) +
           " (obj needs -o); or artifact: an object, a C++ header, the "
           "manifest and the parameters in the directory -o names, for a "
           "program that links LoomRuntime only";
  }();
  emitStage.setDescription(emitDescription);
  static const std::string targetDescription = [] {
    std::vector<std::string> backends;
    for (const loom::TargetBackend *backend : loom::targetBackends())
      backends.push_back(backend->name().str() + ": " +
                         backend->description().str());
    return "Target backend (" + llvm::join(backends, "; ") + ")";
  }();
  targetName.setDescription(targetDescription);
  cl::ParseCommandLineOptions(argc, argv, "Loom compiler driver\n");
  // loom::Tensor throws when the system refuses an allocation.
  int status;
  try {
    status = drive();
  } catch (const loom::Error &error) {
    status = fail(error);
  }
  // A failed rank must not leave the others waiting in an exchange.
  if (status != 0 && ranks && ranks->size() > 1) {
    llvm::errs() << "loomc: rank " << ranks->rank() << " of " << ranks->size()
                 << " failed; ending the job\n";
    llvm::errs().flush();
    ranks->abort(status);
  }
  return status;
}
