//===- loom-difftest.cpp - Random programs: JIT vs reference evaluator ----===//
//
// Generates random loom functions, compiles many of them as one module (with
// 1 and with 2 threads) and checks every result of every function against
// loom::reference within a per-element error bound (ErrorBound.cpp), the two
// thread counts against each other bit for bit, and, for float64 gradient
// programs, the gradients of `loom-autodiff` against central finite
// differences of the reference. A mismatch prints one line naming the program
// seed that reproduces it and writes the failing function, shrunk, as an
// .mlir file that `loom-difftest FILE` checks again. The last line is
// `programs=N mismatches=M`; the exit status is non-zero on any mismatch.
//
//===----------------------------------------------------------------------===//
#include "DiffTest.h"

#include "loom/Dialect/Loom/IR/LoomABI.h"
#include "loom/Dialect/Loom/IR/LoomDialect.h"
#include "loom/Dialect/Loom/Transforms/Passes.h"
#include "loom/Reference/Evaluator.h"
#include "loom/Compiler/MLIRCompile.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cmath>
#include <cstring>
#include <optional>
#include <random>
#include <set>

namespace cl = llvm::cl;
using loom::reference::ElementKind;
using loom::reference::RefTensor;
using namespace loom::difftest;

static cl::OptionCategory category("loom-difftest options");
static cl::opt<std::string> inputFile(
    cl::Positional, cl::init(""),
    cl::desc("[file.mlir]: check the functions of a file written by an "
             "earlier run instead of generating programs"),
    cl::cat(category));
static cl::opt<int64_t> programCount("programs", cl::init(1000),
                                     cl::desc("Programs to generate"), cl::cat(category));
static cl::opt<uint64_t> campaignSeed("seed", cl::init(1),
                                      cl::desc("Seed of the whole run"), cl::cat(category));
static cl::opt<int64_t> firstProgram(
    "first", cl::init(0),
    cl::desc("Index of the first program (to continue a campaign)"), cl::cat(category));
static cl::opt<uint64_t>
    replaySeed("replay", cl::init(0),
               cl::desc("Check only the program with this program seed (as printed "
                        "with a mismatch)"),
               cl::cat(category));
static cl::opt<int64_t> batchSize("batch", cl::init(100),
                                  cl::desc("Functions compiled together in one module"),
                                  cl::cat(category));
static cl::opt<std::string> outputDir("output-dir", cl::init("."),
                                      cl::desc("Where failing programs are written"),
                                      cl::cat(category));
static cl::opt<int64_t> shrinkTrials(
    "shrink-trials", cl::init(60),
    cl::desc("Most compilations spent shrinking one failing program"), cl::cat(category));
static cl::opt<bool> printPrograms("print-programs",
                                   cl::desc("Print every generated function"),
                                   cl::cat(category));
static cl::opt<std::string> targetName(
    "target", cl::init("cpu"),
    cl::desc("Target whose code is checked: cpu (at 1 and 2 threads) or "
             "nvptx-host (the GPU strategy's tiles, run on this CPU)"),
    cl::cat(category));
static cl::opt<bool> verbose("v", cl::desc("Print progress and the rate"),
                             cl::cat(category));
// For the lit test that shows the tester can fail: perturbs element 0 of
// result 0 of every single-threaded run by a relative 1e-3.
static cl::opt<bool> perturbForTesting("perturb-for-testing", cl::Hidden,
                                       cl::cat(category));

namespace {

uint64_t splitMix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

/// The seed of program `index` of a run with `seed`; it alone defines the
/// program (its kind, text and inputs).
uint64_t programSeed(uint64_t seed, int64_t index) {
  // Kept within int64 so it round-trips through the i64 attribute.
  return splitMix(splitMix(seed) ^ static_cast<uint64_t>(index)) >> 1;
}

ProgramKind kindOf(uint64_t seed) {
  return splitMix(seed ^ 0x5eed) % 4 == 0 ? ProgramKind::Gradient : ProgramKind::Forward;
}

loom::DType dtypeOf(ElementKind kind) {
  switch (kind) {
  case ElementKind::F32:
    return loom::DType::F32;
  case ElementKind::F64:
    return loom::DType::F64;
  case ElementKind::I1:
    return loom::DType::I1;
  case ElementKind::I32:
    return loom::DType::I32;
  case ElementKind::I64:
    return loom::DType::I64;
  }
  return loom::DType::F32;
}

loom::Tensor toRuntime(const RefTensor &ref) {
  loom::Tensor tensor = loom::Tensor::zeros(ref.shape, dtypeOf(ref.kind));
  for (int64_t i = 0; i < ref.numElements(); ++i) {
    switch (ref.kind) {
    case ElementKind::F32:
      tensor.data<float>()[i] = static_cast<float>(ref.floats[i]);
      break;
    case ElementKind::F64:
      tensor.data<double>()[i] = ref.floats[i];
      break;
    case ElementKind::I1:
      tensor.data<bool>()[i] = ref.ints[i] != 0;
      break;
    case ElementKind::I32:
      tensor.data<int32_t>()[i] = static_cast<int32_t>(ref.ints[i]);
      break;
    case ElementKind::I64:
      tensor.data<int64_t>()[i] = ref.ints[i];
      break;
    }
  }
  return tensor;
}

std::string formatDouble(double value) {
  std::string text;
  llvm::raw_string_ostream(text) << llvm::format("%.17g", value);
  return text;
}

/// Compiled code of one module at both thread counts. `dual` holds only the
/// functions whose code differs at 2 threads (see threadedFunctions).
struct Compiled {
  loom::Executable single;
  std::optional<loom::Executable> dual;
  std::set<std::string> threaded;
};

/// The functions of `module` in which the CPU strategy at 2 threads hands
/// some op's tiles to threads (a `distribution_tiles` in its lowering
/// config): the only ones whose 2-thread code differs from the 1-thread
/// code. Every other function lowers to the same code at both counts, so
/// compiling it twice would only repeat the 1-thread run; most random
/// programs are too small to be split. Read from the strategy stage's
/// printed module, so the decision is the compiler's own for this host.
loom::Expected<std::set<std::string>> threadedFunctions(mlir::ModuleOp module,
                                                        const loom::CompilerOptions &options) {
  auto strategy = loom::emit(module, "strategy", options);
  if (!strategy)
    return strategy.error();
  std::set<std::string> threaded;
  std::string function;
  llvm::SmallVector<llvm::StringRef> lines;
  llvm::StringRef(*strategy).split(lines, '\n');
  for (llvm::StringRef line : lines) {
    llvm::StringRef text = line.ltrim();
    if (text.consume_front("func.func ")) {
      text.consume_front("private ");
      if (text.consume_front("@"))
        function = text.take_until([](char c) { return c == '('; }).str();
    }
    if (line.contains("distribution_tiles"))
      threaded.insert(function);
  }
  return threaded;
}

/// Adds the `_grad` functions and compiles `module` at 1 thread, and its
/// threaded functions at 2 (all of them with --perturb-for-testing, whose
/// test needs every function run at both counts) when Loom has OpenMP.
loom::Expected<Compiled> compileBoth(mlir::ModuleOp module) {
  mlir::PassManager pm(module.getContext());
  pm.addPass(loom::createLoomAutodiff());
  if (mlir::failed(pm.run(module)))
    return loom::Error(loom::ErrorKind::InvalidIR, "loom-autodiff failed");
  loom::CompilerOptions options;
  options.target = targetName;
  auto single = loom::compileModule(module, options);
  if (!single)
    return single.error();
  Compiled compiled{std::move(*single), std::nullopt, {}};
  // A Loom without OpenMP compiles for one thread only; a GPU's threads are
  // its own.
  if (!loom::threadsSupported() || targetName != "cpu")
    return compiled;
  options.threads = 2;
  mlir::OwningOpRef<mlir::ModuleOp> threaded = module.clone();
  if (!perturbForTesting) {
    auto names = threadedFunctions(module, options);
    if (!names)
      return names.error();
    for (auto function :
         llvm::make_early_inc_range(threaded->getOps<mlir::func::FuncOp>()))
      if (!names->count(function.getSymName().str()) &&
          mlir::SymbolTable::symbolKnownUseEmpty(function, *threaded))
        function.erase();
  }
  for (auto function : threaded->getOps<mlir::func::FuncOp>())
    compiled.threaded.insert(function.getSymName().str());
  if (compiled.threaded.empty())
    return compiled;
  auto dual = loom::compileModule(*threaded, options);
  if (!dual)
    return dual.error();
  compiled.dual = std::move(*dual);
  return compiled;
}

/// The reference evaluator on a copy of `func` that returns every argument
/// and op result, in order.
loom::Expected<std::vector<RefTensor>> evaluateAllValues(mlir::func::FuncOp func,
                                                         llvm::ArrayRef<RefTensor> inputs) {
  mlir::OpBuilder builder(func.getContext());
  mlir::OwningOpRef<mlir::ModuleOp> scratch = mlir::ModuleOp::create(func.getLoc());
  builder.setInsertionPointToEnd(scratch->getBody());
  auto copy = llvm::cast<mlir::func::FuncOp>(builder.clone(*func));
  std::vector<mlir::Value> values(copy.getArguments().begin(), copy.getArguments().end());
  mlir::Block &block = copy.getBody().front();
  for (mlir::Operation &op : block.without_terminator())
    values.insert(values.end(), op.getResults().begin(), op.getResults().end());
  block.getTerminator()->setOperands(values);
  std::vector<mlir::Type> types;
  for (mlir::Value value : values)
    types.push_back(value.getType());
  copy.removeResAttrsAttr();
  copy.setFunctionType(builder.getFunctionType(copy.getArgumentTypes(), types));
  return loom::reference::evaluateReference(copy, inputs);
}

bool allFinite(const RefTensor &tensor) {
  for (double value : tensor.floats)
    if (!std::isfinite(value))
      return false;
  return true;
}

/// Whether `func` has differentiated arguments (a gradient program).
bool isGradientProgram(mlir::func::FuncOp func) {
  return llvm::any_of(llvm::seq<unsigned>(0, func.getNumArguments()), [&](unsigned i) {
    return loom::abi::isDifferentiated(func, i);
  });
}

/// The outcome of checking one function.
struct Verdict {
  /// False when the program left the domain it was generated for (a
  /// non-finite reference value or bound): not a finding, counted apart.
  bool valid = true;
  std::vector<std::string> mismatches;
};

class Checker {
public:
  explicit Checker(mlir::MLIRContext &context) : context(context) {}

  /// Checks `func` (and `func`_grad when present) in `compiled`.
  Verdict check(mlir::func::FuncOp func, const Compiled &compiled);

  /// The largest |JIT - reference| / bound seen where the bound is not 0:
  /// how tight the bounds are.
  double worstBoundUse = 0;

private:
  /// Every result of `func` against the reference within its error bound.
  void compareWithReference(mlir::func::FuncOp func, const Compiled &compiled,
                            Verdict &verdict);
  void checkGradient(mlir::func::FuncOp func, const std::vector<RefTensor> &inputs,
                     const Compiled &compiled, Verdict &verdict);
  /// Runs `entry` at both thread counts; compares them bit for bit.
  std::optional<std::vector<loom::Tensor>> run(const Compiled &compiled,
                                               const std::string &entry,
                                               const std::vector<loom::Tensor> &args,
                                               Verdict &verdict);
  mlir::MLIRContext &context;
};

std::optional<std::vector<loom::Tensor>> Checker::run(const Compiled &compiled,
                                                      const std::string &entry,
                                                      const std::vector<loom::Tensor> &args,
                                                      Verdict &verdict) {
  auto single = compiled.single.run(entry, args);
  if (!single) {
    verdict.mismatches.push_back("@" + entry + " does not run: " +
                                 single.error().message());
    return std::nullopt;
  }
  std::optional<std::vector<loom::Tensor>> dual;
  if (compiled.threaded.count(entry)) {
    auto run = compiled.dual->run(entry, args);
    if (!run) {
      verdict.mismatches.push_back("@" + entry + " does not run at 2 threads: " +
                                   run.error().message());
      return std::nullopt;
    }
    dual = std::move(*run);
  }
  if (perturbForTesting && !single->empty() && (*single)[0].numElements() > 0) {
    loom::Tensor &first = (*single)[0];
    if (first.dtype() == loom::DType::F32)
      first.data<float>()[0] += 1e-3f * (1 + std::abs(first.data<float>()[0]));
    else if (first.dtype() == loom::DType::F64)
      first.data<double>()[0] += 1e-3 * (1 + std::abs(first.data<double>()[0]));
  }
  for (size_t r = 0; dual && r < single->size(); ++r) {
    const loom::Tensor &a = (*single)[r], &b = (*dual)[r];
    if (a.numBytes() != b.numBytes() ||
        std::memcmp(a.rawData(), b.rawData(), a.numBytes()) != 0) {
      verdict.mismatches.push_back("@" + entry + " result " + std::to_string(r) +
                                   ": 1 and 2 threads differ");
    }
  }
  return std::move(*single);
}

void Checker::compareWithReference(mlir::func::FuncOp func, const Compiled &compiled,
                                   Verdict &verdict) {
  std::string name = func.getSymName().str();
  auto inputs = programInputs(func);
  if (!inputs) {
    verdict.mismatches.push_back(inputs.error().message());
    return;
  }
  auto values = evaluateAllValues(func, *inputs);
  if (!values) {
    verdict.mismatches.push_back("the reference fails: " + values.error().message());
    return;
  }
  for (const RefTensor &value : *values)
    if (!allFinite(value))
      verdict.valid = false;

  // The bounds, from the f64 values of everything.
  auto boundText = buildErrorBoundFunction(func, "bound");
  if (!boundText) {
    verdict.mismatches.push_back(boundText.error().message());
    return;
  }
  mlir::OwningOpRef<mlir::ModuleOp> boundModule =
      mlir::parseSourceString<mlir::ModuleOp>(*boundText, &context);
  if (!boundModule) {
    verdict.mismatches.push_back("loom-difftest wrote an invalid bound function:\n" +
                                 *boundText);
    return;
  }
  std::vector<RefTensor> boundArgs;
  for (const RefTensor &value : *values)
    boundArgs.push_back(loom::reference::isFloat(value.kind)
                            ? RefTensor::floating(ElementKind::F64, value.shape, value.floats)
                            : value);
  auto bounds = loom::reference::evaluateReference(
      boundModule->lookupSymbol<mlir::func::FuncOp>("bound"), boundArgs);
  if (!bounds) {
    verdict.mismatches.push_back("the bound fails: " + bounds.error().message());
    return;
  }
  // A rule whose operand interval leaves its domain gives a negative or
  // non-finite bound: no bound is known, the program is skipped.
  for (const RefTensor &bound : *bounds)
    if (!allFinite(bound) ||
        llvm::any_of(bound.floats, [](double value) { return value < 0; }))
      verdict.valid = false;
  if (!verdict.valid)
    return;

  std::vector<loom::Tensor> args;
  for (const RefTensor &input : *inputs)
    args.push_back(toRuntime(input));
  auto actual = run(compiled, name, args, verdict);
  if (!actual)
    return;

  // Which of all values each result is.
  mlir::Operation *terminator = func.getBody().front().getTerminator();
  llvm::DenseMap<mlir::Value, size_t> position;
  size_t next = 0;
  for (mlir::Value argument : func.getArguments())
    position[argument] = next++;
  for (mlir::Operation &op : func.getBody().front().without_terminator())
    for (mlir::Value result : op.getResults())
      position[result] = next++;
  for (auto [r, returned] : llvm::enumerate(terminator->getOperands())) {
    const RefTensor &expected = (*values)[position[returned]];
    const RefTensor &bound = (*bounds)[r];
    const loom::Tensor &got = (*actual)[r];
    int64_t failures = 0;
    std::string first;
    for (int64_t e = 0; e < expected.numElements(); ++e) {
      double want = expected.asDouble(e), have = got.elementAsDouble(e);
      double allowed = bound.floats[e];
      if (allowed > 0)
        worstBoundUse = std::max(worstBoundUse, std::abs(have - want) / allowed);
      if (std::abs(have - want) <= allowed)
        continue;
      if (failures++ == 0)
        first = "element " + std::to_string(e) + ": jit " + formatDouble(have) +
                " reference " + formatDouble(want) + " bound " + formatDouble(allowed);
    }
    if (failures)
      verdict.mismatches.push_back("@" + name + " result " + std::to_string(r) + " (" +
                                   expected.typeString() + "): " + std::to_string(failures) +
                                   " elements off, first " + first);
  }
}

Verdict Checker::check(mlir::func::FuncOp func, const Compiled &compiled) {
  Verdict verdict;
  compareWithReference(func, compiled, verdict);
  if (!verdict.valid || !isGradientProgram(func))
    return verdict;
  // The gradient function is loom IR too: its values against the reference,
  // then its gradients against finite differences.
  auto gradient = func->getParentOfType<mlir::ModuleOp>().lookupSymbol<mlir::func::FuncOp>(
      func.getSymName().str() + "_grad");
  if (!gradient) {
    verdict.mismatches.push_back("loom-autodiff added no @" + func.getSymName().str() + "_grad");
    return verdict;
  }
  gradient->setAttr(kSeedAttr, func->getAttr(kSeedAttr));
  compareWithReference(gradient, compiled, verdict);
  if (verdict.valid)
    checkGradient(func, *programInputs(func), compiled, verdict);
  return verdict;
}


/// Central differences along random directions v: (L(x + h v) - L(x - h v))
/// against <grad, (x + h v) - (x - h v)>, both in float64.
void Checker::checkGradient(mlir::func::FuncOp func, const std::vector<RefTensor> &inputs,
                            const Compiled &compiled, Verdict &verdict) {
  constexpr double kStep = 1e-5;
  constexpr int kDirections = 2;
  std::string entry = func.getSymName().str() + "_grad";
  std::vector<loom::Tensor> args;
  for (const RefTensor &input : inputs)
    args.push_back(toRuntime(input));
  auto outputs = run(compiled, entry, args, verdict);
  if (!outputs)
    return;
  std::vector<unsigned> marked;
  for (unsigned i = 0; i < func.getNumArguments(); ++i)
    if (loom::abi::isDifferentiated(func, i))
      marked.push_back(i);
  size_t firstGradient = outputs->size() - marked.size();

  auto seed = func->getAttrOfType<mlir::IntegerAttr>(kSeedAttr).getInt();
  std::mt19937_64 engine(static_cast<uint64_t>(seed) ^ 0xd1ec7104);
  std::uniform_real_distribution<double> symmetric(-1, 1);
  for (int direction = 0; direction < kDirections; ++direction) {
    std::vector<RefTensor> plus = inputs, minus = inputs;
    double predicted = 0, scale = 0;
    for (auto [k, argIndex] : llvm::enumerate(marked)) {
      const loom::Tensor &gradient = (*outputs)[firstGradient + k];
      for (size_t e = 0; e < inputs[argIndex].floats.size(); ++e) {
        double step = kStep * symmetric(engine);
        double x = inputs[argIndex].floats[e];
        plus[argIndex].floats[e] = x + step;
        minus[argIndex].floats[e] = x - step;
        double delta = plus[argIndex].floats[e] - minus[argIndex].floats[e];
        double g = gradient.elementAsDouble(static_cast<int64_t>(e));
        predicted += g * delta;
        scale += std::abs(g * delta);
      }
    }
    auto up = loom::reference::evaluateReference(func, plus);
    auto down = loom::reference::evaluateReference(func, minus);
    if (!up || !down) {
      verdict.mismatches.push_back("the reference fails on a perturbed input");
      return;
    }
    double lossUp = (*up)[0].floats[0], lossDown = (*down)[0].floats[0];
    double measured = lossUp - lossDown;
    // Truncation h^3 L''' and rounding eps |L| of the difference are far
    // below this; the JIT gradient is accurate to ~1e-14.
    double tolerance = 1e-6 * (scale + std::abs(measured)) +
                       1e-12 * (std::abs(lossUp) + std::abs(lossDown));
    if (!std::isfinite(measured) || !std::isfinite(predicted) ||
        std::abs(measured - predicted) > tolerance)
      verdict.mismatches.push_back(
          "@" + entry + ": gradient along random direction " + std::to_string(direction) +
          " is " + formatDouble(predicted / (2 * kStep)) + ", central difference " +
          formatDouble(measured / (2 * kStep)) + " (tolerance " +
          formatDouble(tolerance / (2 * kStep)) + ")");
  }
}

/// One module holding `functions`, each freshly parsed.
mlir::OwningOpRef<mlir::ModuleOp> moduleOf(mlir::MLIRContext &context,
                                           llvm::ArrayRef<mlir::func::FuncOp> functions) {
  mlir::OpBuilder builder(&context);
  mlir::OwningOpRef<mlir::ModuleOp> module = mlir::ModuleOp::create(builder.getUnknownLoc());
  builder.setInsertionPointToEnd(module->getBody());
  for (mlir::func::FuncOp func : functions)
    builder.clone(*func);
  return module;
}

class Campaign {
public:
  explicit Campaign(mlir::MLIRContext &context) : context(context), checker(context) {}

  /// Checks every function of `module` (one program each), compiled together.
  void checkModule(mlir::ModuleOp module, llvm::ArrayRef<int64_t> indices);

  const Checker &results() const { return checker; }

  int64_t programs = 0;
  int64_t mismatches = 0;
  int64_t invalid = 0;
  /// Functions (programs and their `_grad`s) also run at 2 threads.
  int64_t threadedFunctions = 0;
  /// Time spent compiling modules, and checking (reference, bounds, runs,
  /// shrinking).
  double compileSeconds = 0;
  double checkSeconds = 0;

private:
  /// The verdict of `func` compiled alone.
  Verdict checkAlone(mlir::func::FuncOp func);
  /// Drops results, ops and arguments of `func` while it still fails.
  mlir::OwningOpRef<mlir::ModuleOp> shrink(mlir::func::FuncOp func);
  void report(mlir::func::FuncOp func, int64_t index, const Verdict &verdict);

  mlir::MLIRContext &context;
  Checker checker;
};

Verdict Campaign::checkAlone(mlir::func::FuncOp func) {
  mlir::OwningOpRef<mlir::ModuleOp> module = moduleOf(context, {func});
  Verdict verdict;
  auto compiled = compileBoth(*module);
  if (!compiled) {
    verdict.mismatches.push_back("does not compile: " + compiled.error().message());
    return verdict;
  }
  return checker.check(module->lookupSymbol<mlir::func::FuncOp>(func.getSymName()),
                       *compiled);
}

/// Removes ops without uses and unused arguments. The generator's ops are
/// pure but for all_reduce, whose communicator is the world of one process:
/// there, dropping an unused one changes nothing.
void removeDeadCode(mlir::func::FuncOp func) {
  mlir::Block &block = func.getBody().front();
  for (mlir::Operation &op : llvm::make_early_inc_range(llvm::reverse(block)))
    if (&op != block.getTerminator() && op.use_empty())
      op.erase();
  llvm::BitVector unused(func.getNumArguments());
  for (mlir::BlockArgument argument : func.getArguments())
    if (argument.use_empty())
      unused.set(argument.getArgNumber());
  (void)func.eraseArguments(unused);
}

mlir::OwningOpRef<mlir::ModuleOp> Campaign::shrink(mlir::func::FuncOp original) {
  mlir::OwningOpRef<mlir::ModuleOp> best = moduleOf(context, {original});
  std::string name = original.getSymName().str();
  auto current = [&] { return best->lookupSymbol<mlir::func::FuncOp>(name); };
  int64_t trials = 0;
  // Tries `change` on a copy; keeps it when the copy still fails.
  auto attempt = [&](const std::function<bool(mlir::func::FuncOp)> &change) {
    if (trials >= shrinkTrials)
      return false;
    mlir::OwningOpRef<mlir::ModuleOp> candidate = moduleOf(context, {current()});
    auto func = candidate->lookupSymbol<mlir::func::FuncOp>(name);
    if (!change(func))
      return false;
    removeDeadCode(func);
    if (mlir::failed(mlir::verify(*candidate)))
      return false;
    ++trials;
    Verdict verdict = checkAlone(func);
    if (!verdict.valid || verdict.mismatches.empty())
      return false;
    best = std::move(candidate);
    return true;
  };
  // Fewer results.
  for (unsigned r = 0; current().getNumResults() > 1 && r < current().getNumResults();) {
    bool removed = attempt([&](mlir::func::FuncOp func) {
      mlir::Operation *terminator = func.getBody().front().getTerminator();
      terminator->eraseOperand(r);
      (void)func.eraseResult(r);
      return true;
    });
    if (!removed)
      ++r;
  }
  // Fewer ops: bypass an op (a result replaced by an operand of the same
  // type: all_reduce result r by operand r + 1, for one), from the last op
  // back.
  for (bool progress = true; progress;) {
    progress = false;
    auto ops = llvm::to_vector(llvm::map_range(
        current().getBody().front().without_terminator(), [](mlir::Operation &op) { return &op; }));
    for (int64_t i = static_cast<int64_t>(ops.size()) - 1; i >= 0 && !progress; --i) {
      for (unsigned result = 0; !progress && result < ops[i]->getNumResults(); ++result) {
        // (An unused result of an op with others is no op to bypass.)
        if (ops[i]->getNumResults() > 1 && ops[i]->getResult(result).use_empty())
          continue;
        for (unsigned operand = 0; operand < ops[i]->getNumOperands(); ++operand) {
          if (ops[i]->getOperand(operand).getType() != ops[i]->getResult(result).getType())
            continue;
          bool bypassed = attempt([&](mlir::func::FuncOp func) {
            mlir::Operation *op = &*std::next(func.getBody().front().begin(), i);
            op->getResult(result).replaceAllUsesWith(op->getOperand(operand));
            return true;
          });
          if (bypassed) {
            progress = true;
            break;
          }
        }
      }
    }
  }
  return best;
}

void Campaign::report(mlir::func::FuncOp func, int64_t index, const Verdict &verdict) {
  auto seed = static_cast<uint64_t>(
      func->getAttrOfType<mlir::IntegerAttr>(kSeedAttr).getInt());
  // Gradient programs are kept whole: their loss ties the results together.
  mlir::OwningOpRef<mlir::ModuleOp> written =
      isGradientProgram(func) ? moduleOf(context, {func}) : shrink(func);
  std::string path = (llvm::Twine(outputDir) + "/difftest-" + llvm::Twine(seed) + ".mlir").str();
  std::error_code error;
  llvm::raw_fd_ostream file(path, error);
  if (!error) {
    file << "// loom-difftest: program " << index << " (seed " << seed << ") fails:\n";
    for (const std::string &mismatch : verdict.mismatches)
      file << "//   " << mismatch << "\n";
    file << "// Check this file again with: loom-difftest " << llvm::sys::path::filename(path)
         << "\n// Regenerate the original with: loom-difftest --replay=" << seed << "\n";
    written->print(file);
    file << "\n";
  }
  for (const std::string &mismatch : verdict.mismatches)
    llvm::outs() << "mismatch: program " << index << " seed " << seed << ": " << mismatch
                 << " [replay: loom-difftest --replay=" << seed << "; "
                 << (error ? "cannot write " + path + ": " + error.message() : "written to " + path)
                 << "]\n";
  llvm::outs().flush();
}

void Campaign::checkModule(mlir::ModuleOp module, llvm::ArrayRef<int64_t> indices) {
  llvm::SmallVector<mlir::func::FuncOp> functions =
      llvm::to_vector(module.getOps<mlir::func::FuncOp>());
  // Keep the originals: compiling adds `_grad` functions to the module.
  mlir::OwningOpRef<mlir::ModuleOp> originals = moduleOf(context, functions);
  auto compileStart = std::chrono::steady_clock::now();
  auto compiled = compileBoth(module);
  auto checkStart = std::chrono::steady_clock::now();
  compileSeconds += std::chrono::duration<double>(checkStart - compileStart).count();
  if (compiled)
    threadedFunctions += compiled->threaded.size();
  for (auto [position, func] :
       llvm::enumerate(llvm::to_vector(originals->getOps<mlir::func::FuncOp>()))) {
    ++programs;
    int64_t index = indices[position];
    Verdict verdict;
    if (compiled) {
      auto copy = module.lookupSymbol<mlir::func::FuncOp>(func.getSymName());
      verdict = checker.check(copy, *compiled);
    } else {
      // One function broke the module's compilation: find it alone.
      verdict = checkAlone(func);
    }
    if (!verdict.valid) {
      ++invalid;
      continue;
    }
    if (verdict.mismatches.empty())
      continue;
    ++mismatches;
    report(func, index, verdict);
  }
  checkSeconds +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - checkStart).count();
}

/// Parses `text` as a module of loom functions.
mlir::OwningOpRef<mlir::ModuleOp> parseModule(mlir::MLIRContext &context,
                                              const std::string &text) {
  return mlir::parseSourceString<mlir::ModuleOp>(text, &context);
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(argc, argv,
                              "loom-difftest: random loom programs, JIT vs the reference "
                              "evaluator\n");
  mlir::MLIRContext context;
  context.loadDialect<loom::LoomDialect, mlir::func::FuncDialect>();
  if (batchSize < 1 || programCount < 0) {
    llvm::errs() << "loom-difftest: --batch must be at least 1 and --programs not negative\n";
    return 2;
  }
  if (!llvm::sys::fs::is_directory(outputDir)) {
    llvm::errs() << "loom-difftest: --output-dir " << outputDir << " is not a directory\n";
    return 2;
  }
  Campaign campaign(context);
  auto start = std::chrono::steady_clock::now();

  if (!inputFile.empty()) {
    std::string message;
    auto buffer = mlir::openInputFile(inputFile, &message);
    if (!buffer) {
      llvm::errs() << "loom-difftest: " << message << "\n";
      return 2;
    }
    llvm::SourceMgr sources;
    sources.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
    mlir::OwningOpRef<mlir::ModuleOp> module =
        mlir::parseSourceFile<mlir::ModuleOp>(sources, &context);
    if (!module)
      return 2;
    std::vector<int64_t> indices;
    for (auto func : module->getOps<mlir::func::FuncOp>()) {
      if (!func->getAttrOfType<mlir::IntegerAttr>(kSeedAttr)) {
        llvm::errs() << inputFile << ": @" << func.getSymName()
                     << " is not a loom-difftest program (it has no "
                     << kSeedAttr << " attribute)\n";
        return 2;
      }
      indices.push_back(static_cast<int64_t>(indices.size()));
    }
    campaign.checkModule(*module, indices);
  } else if (replaySeed.getNumOccurrences()) {
    std::string text = generateFunction(replaySeed, "p", kindOf(replaySeed));
    if (printPrograms)
      llvm::outs() << text;
    mlir::OwningOpRef<mlir::ModuleOp> module = parseModule(context, text);
    if (!module) {
      llvm::errs() << "loom-difftest: generated an invalid program:\n" << text;
      return 2;
    }
    campaign.checkModule(*module, {0});
  } else {
    for (int64_t begin = firstProgram; begin < firstProgram + programCount;
         begin += batchSize) {
      int64_t end = std::min<int64_t>(begin + batchSize, firstProgram + programCount);
      std::string text;
      std::vector<int64_t> indices;
      for (int64_t index = begin; index < end; ++index) {
        uint64_t seed = programSeed(campaignSeed, index);
        std::string one = generateFunction(seed, "p" + std::to_string(index), kindOf(seed));
        // A generator bug must not hide the other programs: check each parses.
        if (!parseModule(context, one)) {
          llvm::outs() << "mismatch: program " << index << " seed " << seed
                       << ": the generator wrote an invalid program [replay: "
                          "loom-difftest --replay="
                       << seed << "]\n";
          llvm::outs().flush();
          ++campaign.mismatches;
          ++campaign.programs;
          continue;
        }
        if (printPrograms)
          llvm::outs() << "// program " << index << " seed " << seed << "\n" << one;
        text += one;
        indices.push_back(index);
      }
      mlir::OwningOpRef<mlir::ModuleOp> module = parseModule(context, text);
      campaign.checkModule(*module, indices);
      if (verbose) {
        double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        llvm::errs() << "loom-difftest: " << campaign.programs << " programs, "
                     << campaign.mismatches << " mismatches, " << campaign.invalid
                     << " skipped, " << campaign.threadedFunctions
                     << " functions also at 2 threads, "
                     << llvm::format("%.1f", campaign.programs / seconds)
                     << " programs/s (compiling " << llvm::format("%.1f", campaign.compileSeconds)
                     << " s, checking " << llvm::format("%.1f", campaign.checkSeconds)
                     << " s); largest error / bound "
                     << llvm::format("%.3g", campaign.results().worstBoundUse) << "\n";
      }
    }
  }
  if (campaign.invalid)
    llvm::outs() << "skipped " << campaign.invalid
                 << " programs whose reference values left the finite range\n";
  llvm::outs() << "programs=" << campaign.programs << " mismatches=" << campaign.mismatches
               << "\n";
  return campaign.mismatches ? 1 : 0;
}
