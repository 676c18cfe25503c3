//===- CheckNumericsTest.cpp - CompilerOptions::checkNumerics ------------===//
//
// With checks on, a run that produces a NaN or an infinity fails with the
// first op in program order that did, at its source location (the user's
// C++ line for DSL graphs), and the first non-finite element. The expected
// elements are worked out by hand from the inputs. Off, the code is
// unchanged.
//
//===----------------------------------------------------------------------===//
#include "loom/DSL/Graph.h"
#include "loom/Dialect/Loom/IR/LoomDialect.h"
#include "loom/Reference/Evaluator.h"
#include "loom/Compiler/Compiler.h"
#include "loom/Compiler/MLIRCompile.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <thread>

using loom::Tensor;

namespace {

loom::CompilerOptions checking(unsigned threads = 1) {
  loom::CompilerOptions options;
  options.checkNumerics = true;
  options.threads = threads;
  return options;
}

std::string runError(const loom::Executable &executable, const std::string &entry,
                     const std::vector<Tensor> &args) {
  auto results = executable.run(entry, args);
  return results ? "no error" : results.error().message();
}

Tensor vector2x3(std::vector<float> values) {
  return Tensor::fromVector<float>({2, 3}, std::move(values));
}

TEST(CheckNumericsTest, ReportsTheDslLineOfTheFirstNonFiniteOp) {
  namespace dsl = loom::dsl;
  dsl::Module module;
  dsl::Graph graph(module, "main");
  dsl::Tensor x = graph.input("x", {2, 3});
  dsl::Tensor magnitude = dsl::abs(x);
  unsigned logLine = __LINE__ + 1;
  dsl::Tensor logarithm = dsl::log(x);
  // Also NaN at [1, 2], but after the log.
  dsl::Tensor root = dsl::sqrt(x);
  graph.output({magnitude + logarithm + root});

  auto executable = loom::compileModule(module.module(), checking());
  ASSERT_TRUE(executable) << executable.error().message();
  std::string message =
      runError(*executable, "main", {vector2x3({1, 2, 3, 4, 5, -6})});
  std::string prefix = std::string(__FILE__) + ":" + std::to_string(logLine) + ":";
  EXPECT_EQ(message.rfind(prefix, 0), 0u) << message;
  std::string expected = ": error: 'loom.log' produced NaN (first non-finite "
                         "value at element [1, 2])";
  ASSERT_GE(message.size(), expected.size());
  EXPECT_EQ(message.substr(message.size() - expected.size()), expected)
      << message;

  auto finite = executable->run("main", {vector2x3({1, 2, 3, 4, 5, 6})});
  EXPECT_TRUE(finite) << finite.error().message();
}

constexpr const char *kSource = R"(
func.func @order(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %e = loom.exp %x : tensor<2x3xf32> loc("model.py":10:5)
  %l = loom.log %x : tensor<2x3xf32> loc("model.py":11:5)
  %s = loom.add %e, %l : tensor<2x3xf32>
  return %s : tensor<2x3xf32>
}
func.func @sum(%x: tensor<2x3xf32>) -> tensor<f32> {
  %s = loom.reduce_sum %x axes = [0, 1] : tensor<2x3xf32> -> tensor<f32> loc("model.py":20:5)
  return %s : tensor<f32>
}
)";

TEST(CheckNumericsTest, FirstOpInProgramOrderAndTheKindOfValue) {
  auto executable = loom::Compiler(checking()).compileSource(kSource);
  ASSERT_TRUE(executable) << executable.error().message();
  // exp overflows at [1, 1] only; log is NaN from [0, 0] on, but runs later.
  EXPECT_EQ(runError(*executable, "order", {vector2x3({-1, -2, -3, -4, 100, -6})}),
            "model.py:10:5: error: 'loom.exp' produced Inf (first non-finite "
            "value at element [1, 1])");
  // Only log fails: -Inf at [0, 2] (log 0) comes before the NaN at [1, 0].
  EXPECT_EQ(runError(*executable, "order", {vector2x3({1, 2, 0, -4, 5, 6})}),
            "model.py:11:5: error: 'loom.log' produced -Inf (first non-finite "
            "value at element [0, 2])");
  EXPECT_EQ(runError(*executable, "order", {vector2x3({1, 2, 3, 4, 5, 6})}),
            "no error");
  // A rank-0 result has no element to name.
  float big = 3e38f;
  EXPECT_EQ(runError(*executable, "sum", {vector2x3({big, big, 0, 0, 0, 0})}),
            "model.py:20:5: error: 'loom.reduce_sum' produced Inf");
}

TEST(CheckNumericsTest, OffByDefaultAndTheSameBitsWhenOn) {
  loom::Compiler plain;
  auto unchecked = plain.compileSource(kSource);
  ASSERT_TRUE(unchecked) << unchecked.error().message();
  auto nan = unchecked->run("order", {vector2x3({1, 2, 3, 4, 5, -6})});
  ASSERT_TRUE(nan) << nan.error().message();
  EXPECT_TRUE(std::isnan((*nan)[0].data<float>()[5]));

  auto plainIR = plain.emitSource(kSource, "<source>", "llvmir");
  ASSERT_TRUE(plainIR) << plainIR.error().message();
  EXPECT_EQ(plainIR->find("loomCheckFinite"), std::string::npos);
  auto checkedIR = loom::Compiler(checking()).emitSource(kSource, "<source>",
                                                         "llvmir");
  ASSERT_TRUE(checkedIR) << checkedIR.error().message();
  EXPECT_NE(checkedIR->find("call void @loomCheckFiniteF32"), std::string::npos);

  auto checked = loom::Compiler(checking()).compileSource(kSource);
  ASSERT_TRUE(checked) << checked.error().message();
  std::vector<Tensor> args{vector2x3({0.5f, 1, 1.5f, 2, 2.5f, 3})};
  auto with = checked->run("order", args);
  auto without = unchecked->run("order", args);
  ASSERT_TRUE(with && without);
  EXPECT_EQ(std::memcmp((*with)[0].rawData(), (*without)[0].rawData(),
                        (*with)[0].numBytes()),
            0);
}

/// Each call has its own report: call c puts its only negative value at
/// element c % 7 of a 7-vector (none when that is 6), from 8 threads at once.
TEST(CheckNumericsTest, ConcurrentRunsKeepTheirOwnReports) {
  constexpr const char *source = R"(
func.func @main(%x: tensor<7xf32>) -> tensor<7xf32> {
  %l = loom.log %x : tensor<7xf32> loc("f.mlir":3:8)
  return %l : tensor<7xf32>
})";
  auto executable = loom::Compiler(checking()).compileSource(source);
  ASSERT_TRUE(executable) << executable.error().message();
  constexpr int kThreads = 8, kCalls = 20;
  std::vector<std::string> wrong(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCalls; ++i) {
        int bad = (t * kCalls + i) % 7;
        std::vector<float> x(7, 2.0f);
        std::string expected = "no error";
        if (bad < 6) {
          x[bad] = -1;
          expected = "f.mlir:3:8: error: 'loom.log' produced NaN (first "
                     "non-finite value at element [" +
                     std::to_string(bad) + "])";
        }
        std::string got =
            runError(*executable, "main", {Tensor::fromVector<float>({7}, x)});
        if (got != expected && wrong[t].empty())
          wrong[t] = "expected \"" + expected + "\", got \"" + got + "\"";
      }
    });
  for (std::thread &thread : threads)
    thread.join();
  for (int t = 0; t < kThreads; ++t)
    EXPECT_EQ(wrong[t], "") << "thread " << t;
}

/// With OpenMP threads the matrix product is split among them; the checks
/// still run on the calling thread and name the first bad column.
TEST(CheckNumericsTest, ReportsFromOpenMPCode) {
  if (!loom::threadsSupported())
    GTEST_SKIP() << "this Loom was built without OpenMP";
  constexpr const char *source = R"(
func.func @main(%x: tensor<128x96xf32>, %w: tensor<96x256xf32>) -> tensor<128x256xf32> {
  %p = loom.matmul %x, %w : tensor<128x96xf32>, tensor<96x256xf32> -> tensor<128x256xf32>
  %l = loom.log %p : tensor<128x256xf32> loc("mm.mlir":4:8)
  return %l : tensor<128x256xf32>
})";
  auto executable = loom::Compiler(checking(2)).compileSource(source);
  ASSERT_TRUE(executable) << executable.error().message();
  Tensor x = Tensor::fromVector<float>({128, 96}, std::vector<float>(128 * 96, 1));
  std::vector<float> w(96 * 256, 1);
  for (int k = 0; k < 96; ++k)
    w[k * 256 + 77] = -1;
  EXPECT_EQ(runError(*executable, "main",
                     {x, Tensor::fromVector<float>({96, 256}, w)}),
            "mm.mlir:4:8: error: 'loom.log' produced NaN (first non-finite "
            "value at element [0, 77])");
}

/// The reference evaluator treats a check as the identity: instrumented and
/// plain functions evaluate alike.
TEST(CheckNumericsTest, ReferenceEvaluatorIgnoresChecks) {
  mlir::MLIRContext context;
  context.loadDialect<loom::LoomDialect, mlir::func::FuncDialect>();
  auto module = mlir::parseSourceString<mlir::ModuleOp>(R"(
func.func @f(%x: tensor<3xf64>) -> tensor<3xf64> {
  %l = loom.log %x : tensor<3xf64>
  loom.check_finite %l id = 0 producer = "loom.log" : tensor<3xf64>
  return %l : tensor<3xf64>
})",
                                                        &context);
  ASSERT_TRUE(module);
  using loom::reference::ElementKind;
  using loom::reference::RefTensor;
  auto results = loom::reference::evaluateReference(
      module->lookupSymbol<mlir::func::FuncOp>("f"),
      {RefTensor::floating(ElementKind::F64, {3}, {1.0, std::exp(2.0), -1.0})});
  ASSERT_TRUE(results) << results.error().message();
  ASSERT_EQ(results->size(), 1u);
  EXPECT_EQ((*results)[0].asDouble(0), 0.0);
  EXPECT_EQ((*results)[0].asDouble(1), 2.0);
  EXPECT_TRUE(std::isnan((*results)[0].asDouble(2)));
}

} // namespace
