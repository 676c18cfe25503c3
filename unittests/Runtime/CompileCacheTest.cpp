//===- CompileCacheTest.cpp - The on-disk compile cache -------------------===//
//
// A cached compile loads the entry an earlier one stored and computes what
// the reference evaluator computes; a changed option is a new entry; a
// corrupt entry is rebuilt, never loaded; the size limit evicts the least
// recently used; code with NaN/Inf checks is not cached.
//
//===----------------------------------------------------------------------===//
#include "RuntimeTestHelpers.h"

#include "loom/Compiler/Compiler.h"
#include "loom/Dialect/Loom/IR/LoomDialect.h"
#include "loom/Reference/Evaluator.h"
#include "loom/Runtime/Artifact.h"
#include "loom/Runtime/Files.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>

#include <unistd.h>

namespace fs = std::filesystem;

namespace {

constexpr const char *kModel = R"mlir(
func.func @main(%x: tensor<4x3xf32>, %w: tensor<3x5xf32>) -> tensor<4x5xf32> {
  %xw = loom.matmul %x, %w : tensor<4x3xf32>, tensor<3x5xf32> -> tensor<4x5xf32>
  %t = loom.tanh %xw : tensor<4x5xf32>
  return %t : tensor<4x5xf32>
}
)mlir";

constexpr const char *kOtherModel = R"mlir(
func.func @main(%x: tensor<4x3xf32>, %w: tensor<3x5xf32>) -> tensor<4x5xf32> {
  %xw = loom.matmul %x, %w : tensor<4x3xf32>, tensor<3x5xf32> -> tensor<4x5xf32>
  %t = loom.sigmoid %xw : tensor<4x5xf32>
  return %t : tensor<4x5xf32>
}
)mlir";

class CompileCacheTest : public ::testing::Test {
protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "loom-cache-XXXXXX").string();
    ASSERT_TRUE(mkdtemp(pattern.data()));
    root = pattern;
  }
  void TearDown() override { fs::remove_all(root); }

  loom::CompilerOptions cached() const {
    loom::CompilerOptions options;
    options.cache = true;
    options.cacheDirectory = root;
    return options;
  }

  /// The entry directories (not the temporary ones).
  std::vector<fs::path> entries() const {
    std::vector<fs::path> result;
    for (const auto &item : fs::directory_iterator(root))
      if (item.path().filename().string().rfind("tmp-", 0) != 0)
        result.push_back(item.path());
    return result;
  }

  /// The library file of the only entry.
  fs::path library() const {
    for (const auto &item : fs::directory_iterator(entries().at(0)))
      if (item.path().extension() == ".so")
        return item.path();
    return {};
  }

  /// Runs @main of `executable` on fixed inputs and checks it against the
  /// reference evaluator on `source`.
  void expectComputesReference(const loom::Executable &executable,
                               const char *source) {
    std::mt19937_64 engine(3);
    std::vector<loom::reference::RefTensor> arguments = {
        loom::testing::uniformTensor(engine, {4, 3}),
        loom::testing::uniformTensor(engine, {3, 5})};
    std::vector<loom::Tensor> inputs;
    for (const auto &argument : arguments)
      inputs.push_back(loom::testing::toRuntime(argument));
    auto results = executable.run("main", inputs);
    ASSERT_TRUE(results) << results.error().message();
    mlir::MLIRContext context;
    context.loadDialect<loom::LoomDialect, mlir::func::FuncDialect>();
    auto module = mlir::parseSourceString<mlir::ModuleOp>(source, &context);
    ASSERT_TRUE(module);
    auto expected = loom::reference::evaluateReference(
        module->lookupSymbol<mlir::func::FuncOp>("main"), arguments);
    ASSERT_TRUE(expected) << expected.error().message();
    loom::testing::expectNear((*results)[0], (*expected)[0], 1e-5);
  }

  std::string root;
};

TEST_F(CompileCacheTest, SecondCompileLoadsTheStoredEntry) {
  auto first = loom::Compiler(cached()).compileSource(kModel, "model.mlir");
  ASSERT_TRUE(first) << first.error().message();
  ASSERT_EQ(entries().size(), 1u);
  fs::path stored = library();
  expectComputesReference(*first, kModel);

  auto start = std::chrono::steady_clock::now();
  auto second = loom::Compiler(cached()).compileSource(kModel, "model.mlir");
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(second) << second.error().message();
  EXPECT_EQ(entries().size(), 1u);
  EXPECT_EQ(library(), stored) << "a hit must not compile the module again";
  expectComputesReference(*second, kModel);
  std::cout << "cached compile: " << seconds * 1e3 << " ms\n";

  // Without the cache nothing is read or written.
  loom::CompilerOptions off = cached();
  off.cache = false;
  ASSERT_TRUE(loom::Compiler(off).compileSource(kOtherModel, "other.mlir"));
  EXPECT_EQ(entries().size(), 1u);
}

TEST_F(CompileCacheTest, ChangedOptionOrModuleIsANewEntry) {
  if (!loom::threadsSupported())
    GTEST_SKIP() << "this Loom was built without OpenMP";
  ASSERT_TRUE(loom::Compiler(cached()).compileSource(kModel, "model.mlir"));
  loom::CompilerOptions otherLevel = cached();
  otherLevel.optLevel = 2;
  ASSERT_TRUE(loom::Compiler(otherLevel).compileSource(kModel, "model.mlir"));
  EXPECT_EQ(entries().size(), 2u);
  loom::CompilerOptions otherThreads = cached();
  otherThreads.threads = 2;
  ASSERT_TRUE(loom::Compiler(otherThreads).compileSource(kModel, "model.mlir"));
  EXPECT_EQ(entries().size(), 3u);
  auto other = loom::Compiler(cached()).compileSource(kOtherModel, "other.mlir");
  ASSERT_TRUE(other) << other.error().message();
  EXPECT_EQ(entries().size(), 4u);
  expectComputesReference(*other, kOtherModel);
  // The same module from another file name (locations differ) is a hit.
  ASSERT_TRUE(loom::Compiler(cached()).compileSource(kModel, "renamed.mlir"));
  EXPECT_EQ(entries().size(), 4u);
}

/// A module adding a 64-element constant whose element `index` is `value`.
std::string withConstant(int index, float value) {
  std::string elements;
  for (int i = 0; i < 64; ++i)
    elements += (i ? ", " : "") + std::to_string(i == index ? value : 1.0f);
  return "func.func @main(%x: tensor<64xf32>) -> tensor<64xf32> {\n"
         "  %c = loom.constant dense<[" + elements + "]> : tensor<64xf32>\n"
         "  %s = loom.add %x, %c : tensor<64xf32>\n"
         "  return %s : tensor<64xf32>\n}\n";
}

TEST_F(CompileCacheTest, LargeConstantsAreKeyedWhole) {
  // Printed IR may elide large constants; the key must not.
  std::string a = withConstant(40, 2.0f), b = withConstant(40, 3.0f);
  auto first = loom::Compiler(cached()).compileSource(a, "a.mlir");
  ASSERT_TRUE(first) << first.error().message();
  auto second = loom::Compiler(cached()).compileSource(b, "b.mlir");
  ASSERT_TRUE(second) << second.error().message();
  EXPECT_EQ(entries().size(), 2u);
  loom::Tensor zeros = loom::Tensor::zeros({64});
  auto result = second->run("main", {zeros});
  ASSERT_TRUE(result) << result.error().message();
  EXPECT_EQ((*result)[0].data<float>()[40], 3.0f);
}

TEST_F(CompileCacheTest, CorruptEntryIsRebuiltNotLoaded) {
  ASSERT_TRUE(loom::Compiler(cached()).compileSource(kModel, "model.mlir"));
  fs::path stored = library();
  // A library cut short (a crash mid-write of a copy, a full disk).
  fs::resize_file(stored, fs::file_size(stored) / 2);
  auto rebuilt = loom::Compiler(cached()).compileSource(kModel, "model.mlir");
  ASSERT_TRUE(rebuilt) << rebuilt.error().message();
  ASSERT_EQ(entries().size(), 1u);
  EXPECT_NE(library(), stored);
  expectComputesReference(*rebuilt, kModel);

  // A manifest that no longer matches its checksum.
  fs::path manifest = entries().at(0) / "manifest.txt";
  std::ofstream(manifest, std::ios::app) << "\n";
  stored = library();
  auto again = loom::Compiler(cached()).compileSource(kModel, "model.mlir");
  ASSERT_TRUE(again) << again.error().message();
  EXPECT_NE(library(), stored);
  expectComputesReference(*again, kModel);

  // A missing checksum.
  fs::remove(entries().at(0) / "checksum.txt");
  stored = library();
  ASSERT_TRUE(loom::Compiler(cached()).compileSource(kModel, "model.mlir"));
  EXPECT_NE(library(), stored);
}

TEST_F(CompileCacheTest, LimitEvictsTheLeastRecentlyUsed) {
  loom::CompilerOptions small = cached();
  small.cacheLimitBytes = 1;
  ASSERT_TRUE(loom::Compiler(small).compileSource(kModel, "model.mlir"));
  ASSERT_TRUE(loom::Compiler(small).compileSource(kOtherModel, "other.mlir"));
  ASSERT_EQ(entries().size(), 1u) << "the older entry is evicted";
  auto other = loom::Compiler(small).compileSource(kOtherModel, "other.mlir");
  ASSERT_TRUE(other);
  expectComputesReference(*other, kOtherModel);
}

TEST_F(CompileCacheTest, NumericChecksAreNotCached) {
  loom::CompilerOptions checking = cached();
  checking.checkNumerics = true;
  ASSERT_TRUE(loom::Compiler(checking).compileSource(kModel, "model.mlir"));
  EXPECT_TRUE(entries().empty());
}

TEST_F(CompileCacheTest, UnwritableDirectoryFallsBackToTheJIT) {
  loom::CompilerOptions options = cached();
  options.cacheDirectory = root + "/file";
  std::ofstream(options.cacheDirectory) << "not a directory";
  auto compiled = loom::Compiler(options).compileSource(kModel, "model.mlir");
  ASSERT_TRUE(compiled) << compiled.error().message();
  expectComputesReference(*compiled, kModel);
}

} // namespace
