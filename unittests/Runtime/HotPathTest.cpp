//===- HotPathTest.cpp - Executable::runInto allocates nothing ------------===//
//
// Its own binary: it replaces the global operator new to count allocations.
// The compiled code's temporaries live in the entry's workspace (the
// lowering leaves no malloc in it: test/Codegen/workspace-models.test), so
// a repeated runInto must not allocate in the runtime either. Results are
// compared with plain loops in double.
//
//===----------------------------------------------------------------------===//
#include "loom/Compiler/Compiler.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <new>
#include <thread>

namespace {
std::atomic<size_t> allocations{0};
} // namespace

void *operator new(size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void *memory = std::malloc(size ? size : 1))
    return memory;
  throw std::bad_alloc();
}
void *operator new[](size_t size) { return ::operator new(size); }
void *operator new(size_t size, const std::nothrow_t &) noexcept {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(size ? size : 1);
}
void *operator new(size_t size, std::align_val_t alignment) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  size_t align = static_cast<size_t>(alignment);
  if (void *memory = std::aligned_alloc(align, (size + align - 1) / align * align))
    return memory;
  throw std::bad_alloc();
}
void *operator new(size_t size, std::align_val_t alignment,
                   const std::nothrow_t &) noexcept {
  allocations.fetch_add(1, std::memory_order_relaxed);
  size_t align = static_cast<size_t>(alignment);
  return std::aligned_alloc(align, (size + align - 1) / align * align);
}
void operator delete(void *memory) noexcept { std::free(memory); }
void operator delete[](void *memory) noexcept { std::free(memory); }
void operator delete(void *memory, size_t) noexcept { std::free(memory); }
void operator delete[](void *memory, size_t) noexcept { std::free(memory); }
void operator delete(void *memory, std::align_val_t) noexcept { std::free(memory); }
void operator delete(void *memory, size_t, std::align_val_t) noexcept {
  std::free(memory);
}

namespace {

using loom::DType;
using loom::ErrorKind;
using loom::Tensor;

// relu(x w1) w2 and a one-element add: the first has temporaries.
constexpr const char *kModule = R"mlir(
func.func @mlp(%x: tensor<8x16xf32> {loom.input = "x"},
               %w1: tensor<16x32xf32> {loom.input = "w1"},
               %w2: tensor<32x4xf32> {loom.input = "w2"})
    -> (tensor<8x4xf32> {loom.result = "y"}) {
  %h = loom.matmul %x, %w1 : tensor<8x16xf32>, tensor<16x32xf32> -> tensor<8x32xf32>
  %r = loom.relu %h : tensor<8x32xf32>
  %y = loom.matmul %r, %w2 : tensor<8x32xf32>, tensor<32x4xf32> -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}
func.func @add(%a: tensor<1xf32>, %b: tensor<1xf32>) -> tensor<1xf32> {
  %s = loom.add %a, %b : tensor<1xf32>
  return %s : tensor<1xf32>
}
)mlir";

Tensor wave(std::vector<int64_t> shape, float phase) {
  Tensor tensor = Tensor::zeros(shape, DType::F32);
  for (int64_t i = 0; i < tensor.numElements(); ++i)
    tensor.data<float>()[i] = std::sin(0.7f * i + phase);
  return tensor;
}

/// relu(x w1) w2 with plain loops in double.
std::vector<double> mlpReference(const Tensor &x, const Tensor &w1,
                                 const Tensor &w2) {
  std::vector<double> hidden(8 * 32), y(8 * 4);
  for (int i = 0; i < 8; ++i)
    for (int j = 0; j < 32; ++j) {
      double sum = 0;
      for (int k = 0; k < 16; ++k)
        sum += double(x.data<float>()[i * 16 + k]) * w1.data<float>()[k * 32 + j];
      hidden[i * 32 + j] = std::max(sum, 0.0);
    }
  for (int i = 0; i < 8; ++i)
    for (int j = 0; j < 4; ++j) {
      double sum = 0;
      for (int k = 0; k < 32; ++k)
        sum += hidden[i * 32 + k] * w2.data<float>()[k * 4 + j];
      y[i * 4 + j] = sum;
    }
  return y;
}

void expectNear(const Tensor &actual, const std::vector<double> &expected) {
  ASSERT_EQ(actual.numElements(), static_cast<int64_t>(expected.size()));
  for (size_t i = 0; i < expected.size(); ++i)
    EXPECT_NEAR(actual.data<float>()[i], expected[i], 1e-4) << "element " << i;
}

class HotPathTest : public ::testing::Test {
protected:
  void SetUp() override {
    auto compiled = loom::Compiler().compileSource(kModule, "hot-path.mlir");
    ASSERT_TRUE(compiled) << compiled.error().message();
    executable.emplace(std::move(*compiled));
  }
  std::optional<loom::Executable> executable;
  Tensor x = wave({8, 16}, 0.1f), w1 = wave({16, 32}, 0.2f),
         w2 = wave({32, 4}, 0.3f);
};

TEST_F(HotPathTest, TemporariesLiveInTheWorkspace) {
  const loom::Signature *mlp = executable->signature("mlp");
  ASSERT_NE(mlp, nullptr);
  // relu(x w1) is 8x32 floats, at least.
  ASSERT_TRUE(mlp->workspaceBytes);
  EXPECT_GE(*mlp->workspaceBytes, 8u * 32 * 4);
  EXPECT_EQ(mlp->results.at(0).name, "y");
}

TEST_F(HotPathTest, RepeatedCallsAllocateNothing) {
  std::vector<Tensor> args{x, w1, w2};
  std::vector<Tensor> outputs{Tensor::zeros({8, 4}, DType::F32)};
  ASSERT_TRUE(executable->runInto("mlp", args, outputs));
  Tensor a = Tensor::zeros({1}, DType::F32), b = Tensor::zeros({1}, DType::F32),
         sum = Tensor::zeros({1}, DType::F32);
  std::vector<Tensor> addArgs{a, b}, addOutputs{sum};
  ASSERT_TRUE(executable->runInto("add", addArgs, addOutputs));

  size_t before = allocations.load();
  for (int call = 0; call < 100; ++call) {
    a.data<float>()[0] = float(call);
    b.data<float>()[0] = 0.5f;
    if (!executable->runInto("mlp", args, outputs) ||
        !executable->runInto("add", addArgs, addOutputs) ||
        sum.data<float>()[0] != float(call) + 0.5f)
      FAIL() << "call " << call << " failed";
  }
  EXPECT_EQ(allocations.load() - before, 0u);
  expectNear(outputs[0], mlpReference(x, w1, w2));
}

TEST_F(HotPathTest, ConcurrentCallsGetWorkspacesOfTheirOwn) {
  std::vector<double> expected[4];
  std::vector<Tensor> inputs[4];
  for (int t = 0; t < 4; ++t) {
    inputs[t] = {wave({8, 16}, 0.5f * t), w1, w2};
    expected[t] = mlpReference(inputs[t][0], w1, w2);
  }
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      std::vector<Tensor> outputs{Tensor::zeros({8, 4}, DType::F32)};
      for (int call = 0; call < 50; ++call) {
        if (!executable->runInto("mlp", inputs[t], outputs)) {
          ++failures;
          return;
        }
        for (size_t i = 0; i < expected[t].size(); ++i)
          if (std::abs(outputs[0].data<float>()[i] - expected[t][i]) > 1e-4) {
            ++failures;
            return;
          }
      }
    });
  for (std::thread &thread : threads)
    thread.join();
  EXPECT_EQ(failures.load(), 0);
}

TEST_F(HotPathTest, MisusedOutputsAreErrors) {
  std::vector<Tensor> args{x, w1, w2};
  auto expectInvalid = [&](std::vector<Tensor> outputs, const std::string &text) {
    loom::Expected<void> called = executable->runInto("mlp", args, outputs);
    ASSERT_FALSE(called);
    EXPECT_EQ(called.error().kind(), ErrorKind::InvalidArgument);
    EXPECT_NE(called.error().message().find(text), std::string::npos)
        << called.error().message();
  };
  expectInvalid({}, "writes more results than the 0 outputs given (next: 'y' tensor<8x4xf32>)");
  expectInvalid({Tensor::zeros({8, 4}, DType::F32), Tensor::zeros({1}, DType::F32)},
                "'mlp' writes 1 untied results, got 2 outputs");
  expectInvalid({Tensor::zeros({4, 8}, DType::F32)},
                "output for result 'y' of 'mlp': expected tensor<8x4xf32>, got tensor<4x8xf32>");
  Tensor shared = Tensor::zeros({8, 4}, DType::F32);
  std::vector<Tensor> aliased{shared, shared, shared};
  loom::Expected<void> wrongArgs = executable->runInto("mlp", aliased, {});
  ASSERT_FALSE(wrongArgs);
  EXPECT_EQ(wrongArgs.error().kind(), ErrorKind::InvalidArgument);
  std::vector<Tensor> same{Tensor::zeros({1}, DType::F32), Tensor::zeros({1}, DType::F32)};
  std::vector<Tensor> intoInput{same[0]};
  loom::Expected<void> overwrite = executable->runInto("add", same, intoInput);
  ASSERT_FALSE(overwrite);
  EXPECT_NE(overwrite.error().message().find(
                "output for result 'result0' of 'add' shares its buffer with "
                "argument #0"),
            std::string::npos)
      << overwrite.error().message();
}

} // namespace
