//===- ThreadsTest.cpp - Multi-threaded code gives single-threaded bits ---===//
//
// CompilerOptions::threads > 1 distributes the parallel output tiles of large
// ops over OpenMP threads without changing the tiles, so every element must
// be bit-identical to the single-threaded result. One function holds the
// three kinds of ops that get distributed: a convolution (im2col + matrix
// product), a matrix product with a bias, and a softmax over rows (row
// reductions and elementwise ops). Both results are also checked against the
// naive reference evaluator, so that identical but wrong code fails too.
//
//===----------------------------------------------------------------------===//
#include "RuntimeTestHelpers.h"

#include "loom/Reference/Evaluator.h"
#include "loom/Compiler/Compiler.h"

#include "loom/Dialect/Loom/IR/LoomDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>

using loom::reference::RefTensor;
using loom::testing::toRuntime;
using loom::testing::uniformTensor;

namespace {

// Every op here has at least 64K loop iterations and many output tiles, the
// threshold of the CPU strategy's thread tiles (loom-cpu-select-lowering-config).
constexpr const char *kSource = R"(
func.func @main(%image: tensor<4x8x18x18xf32>, %filter: tensor<16x8x3x3xf32>,
                %x: tensor<128x96xf32>, %w: tensor<96x512xf32>,
                %b: tensor<512xf32>)
    -> (tensor<4x16x18x18xf32>, tensor<128x512xf32>) {
  %conv = loom.conv2d %image, %filter strides = [1, 1] padding = [1, 1]
      : tensor<4x8x18x18xf32>, tensor<16x8x3x3xf32> -> tensor<4x16x18x18xf32>
  %xw = loom.matmul %x, %w : tensor<128x96xf32>, tensor<96x512xf32> -> tensor<128x512xf32>
  %bias = loom.broadcast_in_dim %b dims = [1] : tensor<512xf32> -> tensor<128x512xf32>
  %logits = loom.add %xw, %bias : tensor<128x512xf32>
  %max = loom.reduce_max %logits axes = [1] : tensor<128x512xf32> -> tensor<128xf32>
  %maxb = loom.broadcast_in_dim %max dims = [0] : tensor<128xf32> -> tensor<128x512xf32>
  %shifted = loom.sub %logits, %maxb : tensor<128x512xf32>
  %e = loom.exp %shifted : tensor<128x512xf32>
  %sum = loom.reduce_sum %e axes = [1] : tensor<128x512xf32> -> tensor<128xf32>
  %sumb = loom.broadcast_in_dim %sum dims = [0] : tensor<128xf32> -> tensor<128x512xf32>
  %softmax = loom.div %e, %sumb : tensor<128x512xf32>
  return %conv, %softmax : tensor<4x16x18x18xf32>, tensor<128x512xf32>
}
)";

class ThreadsTest : public ::testing::Test {
protected:
  ThreadsTest() {
    context.loadDialect<loom::LoomDialect, mlir::func::FuncDialect>();
    std::mt19937_64 engine(20250611);
    for (std::vector<int64_t> shape : std::vector<std::vector<int64_t>>{
             {4, 8, 18, 18}, {16, 8, 3, 3}, {128, 96}, {96, 512}, {512}})
      arguments.push_back(uniformTensor(engine, std::move(shape)));
  }

  std::vector<loom::Tensor> run(unsigned threads) {
    loom::CompilerOptions options;
    options.threads = threads;
    auto executable = loom::Compiler(options).compileSource(kSource, "threads.mlir");
    EXPECT_TRUE(executable) << executable.error().message();
    if (!executable)
      return {};
    std::vector<loom::Tensor> inputs;
    for (const RefTensor &argument : arguments)
      inputs.push_back(toRuntime(argument));
    auto results = executable->run("main", inputs);
    EXPECT_TRUE(results) << results.error().message();
    return results ? *results : std::vector<loom::Tensor>{};
  }

  mlir::MLIRContext context;
  std::vector<RefTensor> arguments;
};

TEST_F(ThreadsTest, TwoThreadsEmitOpenMPAndOneDoesNot) {
  if (!loom::threadsSupported())
    GTEST_SKIP() << "this Loom was built without OpenMP";
  auto emitWith = [](unsigned threads) {
    loom::CompilerOptions options;
    options.threads = threads;
    return loom::Compiler(options).emitSource(kSource, "threads.mlir",
                                              "llvmir");
  };
  auto parallel = emitWith(2);
  ASSERT_TRUE(parallel) << parallel.error().message();
  EXPECT_NE(parallel->find("@__kmpc_fork_call"), std::string::npos);
  EXPECT_NE(parallel->find("@__kmpc_push_num_threads"), std::string::npos);
  auto sequential = emitWith(1);
  ASSERT_TRUE(sequential) << sequential.error().message();
  EXPECT_EQ(sequential->find("__kmpc"), std::string::npos);
}

TEST_F(ThreadsTest, BitIdenticalToOneThreadAndToReference) {
  if (!loom::threadsSupported())
    GTEST_SKIP() << "this Loom was built without OpenMP";
  std::vector<loom::Tensor> one = run(1);
  std::vector<loom::Tensor> two = run(2);
  ASSERT_EQ(one.size(), 2u);
  ASSERT_EQ(two.size(), 2u);

  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(kSource, &context);
  ASSERT_TRUE(module);
  auto expected = loom::reference::evaluateReference(
      module->lookupSymbol<mlir::func::FuncOp>("main"), arguments);
  ASSERT_TRUE(expected) << expected.error().message();

  for (size_t r = 0; r < one.size(); ++r) {
    SCOPED_TRACE("result " + std::to_string(r));
    ASSERT_EQ(one[r].shape(), two[r].shape());
    ASSERT_EQ(one[r].shape(), (*expected)[r].shape);
    EXPECT_EQ(std::memcmp(one[r].rawData(), two[r].rawData(), one[r].numBytes()), 0)
        << "2 threads changed the bits of the result";
    // The JIT accumulates in f32 over K = 72 (conv) and 96 (matmul), the
    // reference in double; measured worst error 2.9e-6 absolute.
    loom::testing::expectNear(two[r], (*expected)[r], 1e-5);
  }
}

TEST_F(ThreadsTest, ThreadCountOutOfRangeIsAnError) {
  for (unsigned threads : {0u, loom::kMaxThreads + 1}) {
    loom::CompilerOptions options;
    options.threads = threads;
    auto executable = loom::Compiler(options).compileSource(kSource, "threads.mlir");
    ASSERT_FALSE(executable);
    EXPECT_EQ(executable.error().message(),
              "thread count " + std::to_string(threads) + " is out of range 1-" +
                  std::to_string(loom::kMaxThreads));
  }
}

} // namespace
