//===- ExecutableTest.cpp - Compiling and running modules -----------------===//
//
// Two paths: `compileModuleWithStages` with a small pipeline of upstream
// passes on linalg IR tests the JIT plumbing (descriptors, out-parameters,
// signatures) independently of Loom's codegen; `Compiler::compileSource` on
// loom IR tests the real path through loom::buildCPUPipeline. Results are
// compared with plain loops.
//
//===----------------------------------------------------------------------===//
#include "loom/Compiler/Compiler.h"
#include "loom/Compiler/MLIRCompile.h"

#include "loom/Dialect/Loom/IR/LoomDialect.h"
#include "loom/InitAll.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassRegistry.h"

#include <gtest/gtest.h>

#include <cmath>
#include <thread>

using loom::ArgumentKind;
using loom::DType;
using loom::Tensor;

namespace {

/// Bufferizes with results as out-parameters and lowers to LLVM with C
/// wrappers: the calling convention of Loom's codegen stage, from upstream
/// passes only. The passes of a module-anchored pass manager, so without a
/// `builtin.module(...)` wrapper.
constexpr const char *kUpstreamLowering =
    "one-shot-bufferize{bufferize-function-boundaries "
    "function-boundary-type-conversion=identity-layout-map},"
    "buffer-results-to-out-params{hoist-static-allocs modify-public-functions},"
    "func.func(convert-linalg-to-loops),buffer-deallocation-pipeline,"
    "convert-bufferization-to-memref,func.func(llvm-request-c-wrappers),"
    "convert-scf-to-cf,expand-strided-metadata,lower-affine,"
    "finalize-memref-to-llvm,convert-arith-to-llvm,convert-cf-to-llvm,"
    "convert-func-to-llvm,reconcile-unrealized-casts";

constexpr const char *kLinalgModule = R"mlir(
func.func @addmul(%a: tensor<4x8xf32> {loom.input = "a"},
                  %b: tensor<4x8xf32> {loom.param = "b", loom.init = #loom.init<uniform, 0.5>})
    -> (tensor<4x8xf32>, tensor<4x8xf32>) {
  %e = tensor.empty() : tensor<4x8xf32>
  %s = linalg.add ins(%a, %b : tensor<4x8xf32>, tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) -> tensor<4x8xf32>
  %m = linalg.mul ins(%a, %b : tensor<4x8xf32>, tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) -> tensor<4x8xf32>
  return %s, %m : tensor<4x8xf32>, tensor<4x8xf32>
}
func.func @scale(%x: tensor<f64>, %y: tensor<3xf64>) -> tensor<3xf64> {
  %e = tensor.empty() : tensor<3xf64>
  %b = linalg.broadcast ins(%x : tensor<f64>) outs(%e : tensor<3xf64>) dimensions = [0]
  %r = linalg.mul ins(%b, %y : tensor<3xf64>, tensor<3xf64>) outs(%e : tensor<3xf64>) -> tensor<3xf64>
  return %r : tensor<3xf64>
}
func.func @params(%w: tensor<16x32xf32> {loom.param = "w", loom.init = #loom.init<xavier_uniform, 1.0>},
                  %x: tensor<2x16xf32> {loom.input = "x"},
                  %bias: tensor<32xf64> {loom.param = "bias", loom.init = #loom.init<zeros, 0.0>},
                  %g: tensor<32xf32> {loom.param = "g", loom.init = #loom.init<normal, 0.1>})
    -> tensor<32xf64> {
  return %bias : tensor<32xf64>
}
)mlir";

class ExecutableTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    mlir::registerAllPasses();
    mlir::DialectRegistry registry;
    mlir::registerAllDialects(registry);
    loom::registerAllDialects(registry);
    context = new mlir::MLIRContext(registry);
  }
  static void TearDownTestSuite() { delete context; }

  static mlir::OwningOpRef<mlir::ModuleOp> parse(const char *text) {
    return mlir::parseSourceString<mlir::ModuleOp>(text, context);
  }

  static std::vector<loom::LoweringStage> upstreamStages() {
    return {{"upstream", [](mlir::OpPassManager &pm) {
               EXPECT_TRUE(mlir::succeeded(
                   mlir::parsePassPipeline(kUpstreamLowering, pm)));
             }}};
  }

  static loom::Executable compileLinalg() {
    mlir::OwningOpRef<mlir::ModuleOp> module = parse(kLinalgModule);
    EXPECT_TRUE(module);
    auto executable =
        loom::compileModuleWithStages(*module, upstreamStages(), {});
    if (!executable)
      ADD_FAILURE() << executable.error().message();
    return executable.take();
  }

  static mlir::MLIRContext *context;
};
mlir::MLIRContext *ExecutableTest::context = nullptr;

std::vector<float> iota(size_t count, float start, float step) {
  std::vector<float> values(count);
  for (size_t i = 0; i < count; ++i)
    values[i] = start + step * static_cast<float>(i);
  return values;
}

std::string errorOf(const loom::Expected<std::vector<Tensor>> &result) {
  EXPECT_FALSE(result);
  return result ? std::string() : result.error().message();
}

//===----------------------------------------------------------------------===//
// JIT plumbing, through upstream passes
//===----------------------------------------------------------------------===//

TEST_F(ExecutableTest, ReadsSignaturesBeforeLowering) {
  loom::Executable executable = compileLinalg();
  EXPECT_EQ(executable.entryNames(),
            (std::vector<std::string>{"addmul", "scale", "params"}));
  EXPECT_EQ(executable.signature("missing"), nullptr);

  const loom::Signature *addmul = executable.signature("addmul");
  ASSERT_NE(addmul, nullptr);
  ASSERT_EQ(addmul->arguments.size(), 2u);
  EXPECT_EQ(addmul->arguments[0].name, "a");
  EXPECT_EQ(addmul->arguments[0].kind, ArgumentKind::Input);
  EXPECT_FALSE(addmul->arguments[0].initializer);
  EXPECT_EQ(addmul->arguments[1].name, "b");
  EXPECT_EQ(addmul->arguments[1].kind, ArgumentKind::Parameter);
  ASSERT_TRUE(addmul->arguments[1].initializer);
  EXPECT_EQ(addmul->arguments[1].initializer->kind, loom::InitializerKind::Uniform);
  EXPECT_EQ(addmul->arguments[1].initializer->scale, 0.5);
  ASSERT_EQ(addmul->results.size(), 2u);
  EXPECT_EQ(addmul->results[1].type.str(), "tensor<4x8xf32>");
  EXPECT_EQ(addmul->results[1].name, "result1");

  const loom::Signature *scale = executable.signature("scale");
  ASSERT_NE(scale, nullptr);
  EXPECT_EQ(scale->arguments[0].name, "arg0");
  EXPECT_EQ(scale->arguments[0].kind, ArgumentKind::Plain);
  EXPECT_EQ(scale->arguments[0].type.shape, std::vector<int64_t>{});
  EXPECT_EQ(scale->arguments[0].type.dtype, DType::F64);
}

TEST_F(ExecutableTest, RunsWithSeveralResultsAndRankZero) {
  loom::Executable executable = compileLinalg();
  Tensor a = Tensor::fromVector<float>({4, 8}, iota(32, -3, 0.25f));
  Tensor b = Tensor::fromVector<float>({4, 8}, iota(32, 1, 0.5f));
  auto results = executable.run("addmul", {a, b});
  ASSERT_TRUE(results) << results.error().message();
  ASSERT_EQ(results->size(), 2u);
  for (int64_t i = 0; i < 32; ++i) {
    float x = a.data<float>()[i], y = b.data<float>()[i];
    EXPECT_EQ((*results)[0].data<float>()[i], x + y);
    EXPECT_EQ((*results)[1].data<float>()[i], x * y);
  }

  alignas(8) double ys[3] = {1, -2, 0.5};
  auto scaled = executable.run(
      "scale", {Tensor::scalar(3.0), Tensor::borrow(ys, {3}, DType::F64)});
  ASSERT_TRUE(scaled) << scaled.error().message();
  EXPECT_EQ((*scaled)[0].toVector<double>(), (std::vector<double>{3, -6, 1.5}));
}

TEST_F(ExecutableTest, RunChecksArgumentsBeforeCalling) {
  loom::Executable executable = compileLinalg();
  Tensor good = Tensor::zeros({4, 8});
  EXPECT_EQ(errorOf(executable.run("addmul", {good})),
            "'addmul' takes 2 arguments, got 1");
  EXPECT_EQ(errorOf(executable.run("addmul", {good, Tensor::zeros({8, 4})})),
            "argument #1 ('b') of 'addmul': expected tensor<4x8xf32>, got "
            "tensor<8x4xf32>");
  EXPECT_EQ(errorOf(executable.run("addmul",
                                   {Tensor::zeros({4, 8}, DType::F64), good})),
            "argument #0 ('a') of 'addmul': expected tensor<4x8xf32>, got "
            "tensor<4x8xf64>");
  EXPECT_EQ(errorOf(executable.run("scale", {Tensor::zeros({1}, DType::F64),
                                             Tensor::zeros({3}, DType::F64)})),
            "argument #0 ('arg0') of 'scale': expected tensor<f64>, got "
            "tensor<1xf64>");
  EXPECT_EQ(errorOf(executable.run("nope", {})),
            "no entry function 'nope'; the executable has 'addmul', 'scale', "
            "'params'");
}

TEST_F(ExecutableTest, RunIsSafeFromSeveralThreads) {
  loom::Executable executable = compileLinalg();
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int iteration = 0; iteration < 200; ++iteration) {
        float offset = static_cast<float>(t * 1000 + iteration);
        Tensor a = Tensor::fromVector<float>({4, 8}, iota(32, offset, 1));
        Tensor b = Tensor::fromVector<float>({4, 8}, iota(32, 2, 0));
        auto results = executable.run("addmul", {a, b});
        if (!results) {
          ++mismatches[t];
          continue;
        }
        for (int64_t i = 0; i < 32; ++i)
          if ((*results)[1].data<float>()[i] != 2 * (offset + i))
            ++mismatches[t];
      }
    });
  }
  for (std::thread &thread : threads)
    thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

TEST_F(ExecutableTest, InitialParametersUseStreamsInParameterOrder) {
  loom::Executable executable = compileLinalg();
  auto parameters = executable.initialParameters("params", 42);
  ASSERT_TRUE(parameters) << parameters.error().message();
  ASSERT_EQ(parameters->size(), 3u);
  EXPECT_EQ((*parameters)[0].typeString(), "tensor<16x32xf32>");
  EXPECT_EQ((*parameters)[1].typeString(), "tensor<32xf64>");
  EXPECT_EQ((*parameters)[2].typeString(), "tensor<32xf32>");

  Tensor w = Tensor::zeros({16, 32});
  ASSERT_TRUE(loom::initializeTensor(
      w, {loom::InitializerKind::XavierUniform, 1.0}, 42, /*stream=*/0));
  EXPECT_EQ((*parameters)[0].toVector<float>(), w.toVector<float>());
  EXPECT_EQ((*parameters)[1].toVector<double>(), std::vector<double>(32, 0.0));
  Tensor g = Tensor::zeros({32});
  ASSERT_TRUE(loom::initializeTensor(g, {loom::InitializerKind::Normal, 0.1},
                                     42, /*stream=*/2));
  EXPECT_EQ((*parameters)[2].toVector<float>(), g.toVector<float>());

  auto inputsOnly = executable.initialParameters("scale", 1);
  ASSERT_TRUE(inputsOnly);
  EXPECT_TRUE(inputsOnly->empty());
}

TEST_F(ExecutableTest, ParameterWithoutInitializerIsAnError) {
  mlir::OwningOpRef<mlir::ModuleOp> module = parse(R"mlir(
    func.func @f(%w: tensor<2xf32> {loom.param = "w"}) -> tensor<2xf32> {
      return %w : tensor<2xf32>
    })mlir");
  auto executable = loom::compileModuleWithStages(*module, upstreamStages());
  ASSERT_TRUE(executable) << executable.error().message();
  auto parameters = executable->initialParameters("f", 0);
  ASSERT_FALSE(parameters);
  EXPECT_EQ(parameters.error().message(),
            "parameter argument #0 ('w') of 'f' has no loom.init initializer");
}

TEST_F(ExecutableTest, ExecutableIsMovable) {
  loom::Executable first = compileLinalg();
  loom::Executable second = std::move(first);
  auto results = second.run("scale", {Tensor::scalar(2.0),
                                      Tensor::fromVector<double>({3}, {1, 2, 3})});
  ASSERT_TRUE(results) << results.error().message();
  EXPECT_EQ((*results)[0].toVector<double>(), (std::vector<double>{2, 4, 6}));
}

TEST_F(ExecutableTest, FailingStageIsNamed) {
  // loom ops have no bufferization: bufferizing before lowering them fails.
  mlir::OwningOpRef<mlir::ModuleOp> module = mlir::parseSourceString<mlir::ModuleOp>(
      "func.func @f(%a: tensor<2xf32>) -> tensor<2xf32> {\n"
      "  %0 = loom.add %a, %a : tensor<2xf32>\n"
      "  return %0 : tensor<2xf32>\n"
      "}\n",
      context, "early.mlir");
  ASSERT_TRUE(module);
  std::vector<loom::LoweringStage> stages = {
      {"bufferize-too-early", [](mlir::OpPassManager &pm) {
         EXPECT_TRUE(mlir::succeeded(mlir::parsePassPipeline(
             "one-shot-bufferize{bufferize-function-boundaries}", pm)));
       }}};
  auto executable = loom::compileModuleWithStages(*module, stages);
  ASSERT_FALSE(executable);
  std::string message = executable.error().message();
  EXPECT_EQ(message.rfind("lowering stage 'bufferize-too-early' failed in pass "
                          "'one-shot-bufferize':\nearly.mlir:2:8: error: ",
                          0),
            0u)
      << message;
}

TEST_F(ExecutableTest, MissingCInterfaceIsReported) {
  mlir::OwningOpRef<mlir::ModuleOp> module = parse(kLinalgModule);
  std::string withoutWrappers = kUpstreamLowering;
  withoutWrappers.erase(withoutWrappers.find("func.func(llvm-request-c-wrappers),"),
                        std::string("func.func(llvm-request-c-wrappers),").size());
  std::vector<loom::LoweringStage> stages = {
      {"upstream", [&](mlir::OpPassManager &pm) {
         EXPECT_TRUE(mlir::succeeded(mlir::parsePassPipeline(withoutWrappers, pm)));
       }}};
  auto executable = loom::compileModuleWithStages(*module, stages);
  ASSERT_FALSE(executable);
  EXPECT_EQ(executable.error().message(),
            "the lowered module has no '_mlir_ciface_addmul': the lowering must "
            "mark 'addmul' with llvm.emit_c_interface");
}

//===----------------------------------------------------------------------===//
// Diagnostics
//===----------------------------------------------------------------------===//

TEST(CompilerDiagnosticsTest, ParseErrorsCarryLineAndColumn) {
  loom::Compiler compiler;
  auto executable = compiler.compileSource(
      "func.func @f(%a: tensor<2xf32>) -> tensor<2xf32> {\n"
      "  %0 = loom.add %a, %a : tensor<2xf32>\n"
      "  return %1 : tensor<2xf32>\n"
      "}\n",
      "model.mlir");
  ASSERT_FALSE(executable);
  std::string message = executable.error().message();
  EXPECT_EQ(message.rfind("cannot parse 'model.mlir':\nmodel.mlir:3:10: error: "
                          "use of undeclared SSA value name",
                          0),
            0u)
      << message;
}

TEST(CompilerDiagnosticsTest, VerifierErrorsCarryLineAndColumn) {
  loom::Compiler compiler;
  auto executable = compiler.compileSource(
      "func.func @f(%a: tensor<2xf32>, %b: tensor<3xf32>) -> tensor<2xf32> {\n"
      "  %0 = \"loom.add\"(%a, %b) : (tensor<2xf32>, tensor<3xf32>) -> tensor<2xf32>\n"
      "  return %0 : tensor<2xf32>\n"
      "}\n",
      "bad.mlir");
  ASSERT_FALSE(executable);
  EXPECT_NE(executable.error().message().find("bad.mlir:2:8: error: "),
            std::string::npos)
      << executable.error().message();
}

TEST(CompilerDiagnosticsTest, DynamicShapesAreRejectedAtTheEntry) {
  loom::Compiler compiler;
  auto executable = compiler.compileSource(
      "func.func @f(%a: tensor<?xf32>) -> tensor<?xf32> {\n"
      "  return %a : tensor<?xf32>\n"
      "}\n",
      "dyn.mlir");
  ASSERT_FALSE(executable);
  EXPECT_EQ(executable.error().message(),
            "cannot compile the module:\ndyn.mlir:1:1: error: entry 'f' argument "
            "#0 has type 'tensor<?xf32>'; entry functions take and return "
            "statically shaped tensors of f32, f64, i1, i32 or i64");
}

TEST(CompilerDiagnosticsTest, OptLevelIsChecked) {
  loom::Compiler compiler({/*optLevel=*/4});
  auto executable = compiler.compileSource(
      "func.func @f(%a: tensor<2xf32>) -> tensor<2xf32> {\n"
      "  return %a : tensor<2xf32>\n"
      "}\n");
  ASSERT_FALSE(executable);
  EXPECT_EQ(executable.error().message(), "optimization level 4 is out of range 0-3");
}

TEST(EmitNamesTest, StagesThenTranslations) {
  auto names = loom::emitNames();
  ASSERT_TRUE(names) << names.error().message();
  EXPECT_EQ(*names, (std::vector<std::string>{"loom", "linalg", "strategy",
                                              "tiled", "vectorized",
                                              "bufferized", "llvm", "llvmir",
                                              "asm", "obj"}));
  loom::CompilerOptions unknown;
  unknown.target = "tpu";
  auto none = loom::emitNames(unknown);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().message(),
            "unknown target 'tpu'; targets: cpu, nvptx, nvptx-host");
  // The GPU's stages, then what its artifact offers, PTX included.
  loom::CompilerOptions gpu;
  gpu.target = "nvptx";
  auto gpuNames = loom::emitNames(gpu);
  ASSERT_TRUE(gpuNames) << gpuNames.error().message();
  EXPECT_EQ(*gpuNames, (std::vector<std::string>{
                           "loom", "linalg", "strategy", "tiled", "bufferized",
                           "mapped", "kernels", "llvm", "llvmir", "asm", "obj",
                           "ptx"}));
}

TEST(EmitNamesTest, UnknownNameListsTheValidOnes) {
  loom::Compiler compiler;
  auto text = compiler.emitSource("func.func @f() { return }\n", "<source>",
                                  "ptx");
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().message(),
            "unknown emit stage 'ptx'; expected one of loom, linalg, strategy, "
            "tiled, vectorized, bufferized, llvm, llvmir, asm, obj");
}

//===----------------------------------------------------------------------===//
// The real path: loom IR through loom::buildCPUPipeline
//===----------------------------------------------------------------------===//

constexpr const char *kLoomModule = R"mlir(
func.func @add(%a: tensor<4x8xf32>, %b: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = loom.add %a, %b : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}
func.func @matmul(%a: tensor<37x64xf32>, %b: tensor<64x48xf32>) -> tensor<37x48xf32> {
  %0 = loom.matmul %a, %b : tensor<37x64xf32>, tensor<64x48xf32> -> tensor<37x48xf32>
  return %0 : tensor<37x48xf32>
}
func.func @dense_relu(%x: tensor<8x16xf64> {loom.input = "x"},
                      %w: tensor<16x8xf64> {loom.param = "w", loom.init = #loom.init<xavier_uniform, 1.0>},
                      %b: tensor<8xf64> {loom.param = "b", loom.init = #loom.init<zeros, 0.0>})
    -> tensor<8x8xf64> {
  %0 = loom.matmul %x, %w : tensor<8x16xf64>, tensor<16x8xf64> -> tensor<8x8xf64>
  %1 = loom.broadcast_in_dim %b dims = [1] : tensor<8xf64> -> tensor<8x8xf64>
  %2 = loom.add %0, %1 : tensor<8x8xf64>
  %3 = loom.relu %2 : tensor<8x8xf64>
  return %3 : tensor<8x8xf64>
}
)mlir";

TEST(LoomPipelineTest, AddAndMatmulMatchPlainLoops) {
  loom::Compiler compiler;
  auto executable = compiler.compileSource(kLoomModule, "loom.mlir");
  ASSERT_TRUE(executable) << executable.error().message();

  Tensor a = Tensor::fromVector<float>({4, 8}, iota(32, -1, 0.125f));
  Tensor b = Tensor::fromVector<float>({4, 8}, iota(32, 3, -0.5f));
  auto sum = executable->run("add", {a, b});
  ASSERT_TRUE(sum) << sum.error().message();
  for (int64_t i = 0; i < 32; ++i)
    EXPECT_EQ((*sum)[0].data<float>()[i], a.data<float>()[i] + b.data<float>()[i]);

  const int64_t m = 37, k = 64, n = 48;
  Tensor lhs = Tensor::fromVector<float>({m, k}, iota(m * k, -1, 0.001f));
  Tensor rhs = Tensor::fromVector<float>({k, n}, iota(k * n, 0.5f, -0.0003f));
  auto product = executable->run("matmul", {lhs, rhs});
  ASSERT_TRUE(product) << product.error().message();
  const float *l = lhs.data<float>(), *r = rhs.data<float>();
  const float *c = (*product)[0].data<float>();
  for (int64_t i = 0; i < m; ++i) {
    for (int64_t j = 0; j < n; ++j) {
      double expected = 0;
      for (int64_t p = 0; p < k; ++p)
        expected += static_cast<double>(l[i * k + p]) * r[p * n + j];
      EXPECT_NEAR(c[i * n + j], expected, 1e-4 * (1 + std::fabs(expected)))
          << "at " << i << "," << j;
    }
  }
}

TEST(LoomPipelineTest, DenseLayerWithInitialParameters) {
  loom::Compiler compiler;
  auto executable = compiler.compileSource(kLoomModule, "loom.mlir");
  ASSERT_TRUE(executable) << executable.error().message();
  auto parameters = executable->initialParameters("dense_relu", 3);
  ASSERT_TRUE(parameters) << parameters.error().message();
  ASSERT_EQ(parameters->size(), 2u);
  Tensor &w = (*parameters)[0];
  Tensor b = Tensor::fromVector<double>({8}, {0.1, -0.2, 0.3, -0.4, 0.5, -0.6, 0.7, 0});
  std::vector<double> xs(8 * 16);
  for (size_t i = 0; i < xs.size(); ++i)
    xs[i] = std::sin(static_cast<double>(i));
  Tensor x = Tensor::fromVector<double>({8, 16}, xs);

  auto result = executable->run("dense_relu", {x, w, b});
  ASSERT_TRUE(result) << result.error().message();
  const double *y = (*result)[0].data<double>();
  for (int64_t i = 0; i < 8; ++i) {
    for (int64_t j = 0; j < 8; ++j) {
      double expected = b.data<double>()[j];
      for (int64_t p = 0; p < 16; ++p)
        expected += xs[i * 16 + p] * w.data<double>()[p * 8 + j];
      EXPECT_NEAR(y[i * 8 + j], std::max(expected, 0.0), 1e-12);
    }
  }
}

TEST(LoomPipelineTest, CompileModuleCopiesAndLeavesTheModuleAlone) {
  auto context = std::make_unique<mlir::MLIRContext>();
  context->loadDialect<loom::LoomDialect, mlir::func::FuncDialect>();
  mlir::OwningOpRef<mlir::ModuleOp> module = mlir::parseSourceString<mlir::ModuleOp>(
      "func.func private @twice(%a: tensor<3xf32>) -> tensor<3xf32> {\n"
      "  %0 = loom.add %a, %a : tensor<3xf32>\n"
      "  return %0 : tensor<3xf32>\n"
      "}\n"
      "func.func @quadruple(%a: tensor<3xf32>) -> tensor<3xf32> {\n"
      "  %0 = func.call @twice(%a) : (tensor<3xf32>) -> tensor<3xf32>\n"
      "  %1 = func.call @twice(%0) : (tensor<3xf32>) -> tensor<3xf32>\n"
      "  return %1 : tensor<3xf32>\n"
      "}\n",
      context.get(), "graph.mlir");
  ASSERT_TRUE(module);
  std::string before;
  llvm::raw_string_ostream beforeStream(before);
  module->print(beforeStream);

  auto executable = loom::compileModule(*module);
  ASSERT_TRUE(executable) << executable.error().message();
  auto llvmIR = loom::emit(*module, "llvmir");
  ASSERT_TRUE(llvmIR) << llvmIR.error().message();
  EXPECT_NE(llvmIR->find("@_mlir_ciface_quadruple"), std::string::npos);

  std::string after;
  llvm::raw_string_ostream afterStream(after);
  module->print(afterStream);
  EXPECT_EQ(before, after);

  // The executable needs neither the module nor its context any more.
  module = nullptr;
  context.reset();
  EXPECT_EQ(executable->entryNames(), std::vector<std::string>{"quadruple"});
  auto result =
      executable->run("quadruple", {Tensor::fromVector<float>({3}, {1, -2, 0.5f})});
  ASSERT_TRUE(result) << result.error().message();
  EXPECT_EQ((*result)[0].toVector<float>(), (std::vector<float>{4, -8, 2}));
}

TEST(LoomPipelineTest, EmitsEveryKind) {
  loom::Compiler compiler;
  const char *source = "func.func @add(%a: tensor<16xf32>) -> tensor<16xf32> {\n"
                       "  %0 = loom.add %a, %a : tensor<16xf32>\n"
                       "  return %0 : tensor<16xf32>\n"
                       "}\n";
  auto emitted = [&](std::string_view kind) {
    auto text = compiler.emitSource(source, "add.mlir", kind);
    EXPECT_TRUE(text) << text.error().message();
    return text ? *text : std::string();
  };
  EXPECT_NE(emitted("loom").find("loom.add"), std::string::npos);
  EXPECT_NE(emitted("linalg").find("linalg."), std::string::npos);
  EXPECT_NE(emitted("llvm").find("llvm.func @_mlir_ciface_add"),
            std::string::npos);
  EXPECT_NE(emitted("llvmir").find("define void @_mlir_ciface_add"),
            std::string::npos);
  EXPECT_NE(emitted("asm").find("_mlir_ciface_add:"), std::string::npos);
  EXPECT_EQ(emitted("obj").substr(0, 4), "\x7f" "ELF");
}

} // namespace
