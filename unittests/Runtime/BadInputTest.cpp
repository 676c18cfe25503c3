//===- BadInputTest.cpp - The C++ API on input it must refuse -------------===//
//
// Every case is an Error value (or, for Tensor, a thrown loom::Error) whose
// message names what is wrong, never a crash or an abort. The CLI's side of
// the same inputs is test/Errors/.
//
//===----------------------------------------------------------------------===//
#include "loom/Compiler/Compiler.h"
#include "loom/Runtime/Files.h"
#include "loom/Support/Limits.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include <unistd.h>

using loom::DType;
using loom::Tensor;

namespace {

constexpr const char *kAddOne = R"mlir(
func.func @f(%x: tensor<2x3xf32> {loom.input = "x"},
             %s: tensor<2x3xf32> {loom.param = "s", loom.init = #loom.init<ones, 1.0>})
    -> (tensor<2x3xf32>, tensor<2x3xf32> {loom.tied_to = 1 : i64}) {
  %y = loom.add %x, %s : tensor<2x3xf32>
  return %y, %y : tensor<2x3xf32>, tensor<2x3xf32>
}
)mlir";

template <typename T> std::string errorOf(const loom::Expected<T> &result) {
  EXPECT_FALSE(result) << "expected an error";
  return result ? std::string() : result.error().message();
}

void expectContains(const std::string &text, const std::string &part) {
  EXPECT_NE(text.find(part), std::string::npos) << text;
}

loom::Executable compileAddOne() {
  auto compiled = loom::Compiler().compileSource(kAddOne, "add-one.mlir");
  if (!compiled)
    ADD_FAILURE() << compiled.error().message();
  return compiled.take();
}

TEST(BadInputTest, TensorsBeyondTheLimitAreOneErrorAtTheirLocation) {
  const char *huge = R"mlir(
func.func @f(%a: tensor<100000x100000x100000xf32>) -> tensor<100000x100000x100000xf32> {
  %0 = loom.exp %a : tensor<100000x100000x100000xf32>
  return %0 : tensor<100000x100000x100000xf32>
})mlir";
  std::string expected =
      "the module has a tensor too large to compile:\n"
      "huge.mlir:2:14: error: argument #0 of 'f' has type "
      "'tensor<100000x100000x100000xf32>' of 4000000000000000 bytes; one "
      "tensor may have at most 140737488355328 bytes (2^47, 128 TiB)";
  loom::Compiler compiler;
  EXPECT_EQ(errorOf(compiler.compileSource(huge, "huge.mlir")), expected);
  EXPECT_EQ(errorOf(compiler.emitSource(huge, "huge.mlir", "loom")),
            expected);
}

TEST(BadInputTest, TensorAllocationBeyondTheLimitThrowsLoomError) {
  try {
    Tensor::zeros({100000, 100000, 100000});
    ADD_FAILURE() << "no error";
  } catch (const loom::Error &error) {
    EXPECT_EQ(error.message(),
              "cannot allocate tensor<100000x100000x100000xf32> of "
              "4000000000000000 bytes; one tensor may have at most "
              "140737488355328 bytes (2^47, 128 TiB)");
  }
  // Empty, but its strides would still be out of range.
  EXPECT_THROW(Tensor::zeros({0, int64_t{1} << 46, 4}, DType::F32), loom::Error);
  EXPECT_EQ(loom::tensorSpanBytes(std::vector<int64_t>{1 << 20, 1 << 25}, 4),
            loom::kMaxTensorBytes);
  EXPECT_EQ(Tensor::zeros({0, 3}).numElements(), 0);
}

TEST(BadInputTest, SourceMLIRCannotParseSafelyIsRefused) {
  loom::Compiler compiler;
  EXPECT_EQ(errorOf(compiler.compileSource(std::string("ML\xEFR\x00\x01", 6),
                                           "model.mlirbc")),
            "cannot parse 'model.mlirbc':\nmodel.mlirbc:1:1: error: MLIR "
            "bytecode is not accepted: Loom reads textual MLIR only");
  std::string nested = "func.func @f() attributes {x = " +
                       std::string(300, '[') + std::string(300, ']') +
                       "} { return }";
  expectContains(errorOf(compiler.compileSource(nested, "deep.mlir")),
                 "deep.mlir:1:287: error: brackets nest more than 256 levels "
                 "deep");
  // Brackets in strings and comments do not count.
  std::string quoted = "// " + std::string(300, '(') + "\nfunc.func @f() "
                       "attributes {x = \"" + std::string(300, '{') +
                       "\"} { return }";
  auto compiled = compiler.compileSource(quoted, "quoted.mlir");
  EXPECT_TRUE(compiled) << compiled.error().message();
}

TEST(BadInputTest, RunInPlaceChecksArgumentsLikeRun) {
  loom::Executable executable = compileAddOne();
  Tensor x = Tensor::zeros({2, 3}), s = Tensor::zeros({2, 3});
  EXPECT_EQ(errorOf(executable.runInPlace("f", {x})),
            "'f' takes 2 arguments, got 1");
  EXPECT_EQ(errorOf(executable.runInPlace("f", {x, Tensor::zeros({3, 2})})),
            "argument #1 ('s') of 'f': expected tensor<2x3xf32>, got "
            "tensor<3x2xf32>");
  EXPECT_EQ(errorOf(executable.runInPlace("f", {Tensor::zeros({2, 3}, DType::I32), s})),
            "argument #0 ('x') of 'f': expected tensor<2x3xf32>, got "
            "tensor<2x3xi32>");
  EXPECT_EQ(errorOf(executable.runInPlace("f", {s, s})),
            "argument #1 ('s') of 'f' is updated in place but shares its "
            "buffer with argument #0 ('x') of 'f'");
  EXPECT_EQ(errorOf(executable.run("f", {x, s, x})),
            "'f' takes 2 arguments, got 3");
  // Nothing ran: the tied argument is untouched.
  EXPECT_EQ(s.toVector<float>(), std::vector<float>(6, 0.0f));
}

TEST(BadInputTest, MovedFromExecutableHasNoEntries) {
  loom::Executable executable = compileAddOne();
  loom::Executable moved = std::move(executable);
  EXPECT_TRUE(executable.entryNames().empty());
  EXPECT_EQ(executable.signature("f"), nullptr);
  EXPECT_EQ(errorOf(executable.run("f", {})),
            "no entry function 'f': the executable was moved from");
  EXPECT_EQ(errorOf(executable.initialParameters("f", 0)),
            "no entry function 'f': the executable was moved from");
  EXPECT_EQ(moved.entryNames(), std::vector<std::string>{"f"});
}

TEST(BadInputTest, DeclaredFunctionsAreACompileErrorNotALinkError) {
  const char *declared = R"mlir(
func.func private @g(tensor<3xf32>) -> tensor<3xf32>
func.func @f(%a: tensor<3xf32>) -> tensor<3xf32> {
  %0 = func.call @g(%a) : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
})mlir";
  EXPECT_EQ(errorOf(loom::Compiler().compileSource(declared, "declared.mlir")),
            "cannot compile the module:\ndeclared.mlir:2:1: error: function "
            "'g' is declared without a body; compiled code can call only "
            "functions the module defines");
}

class FilesTest : public ::testing::Test {
protected:
  void SetUp() override {
    directory = (std::filesystem::path(::testing::TempDir()) /
                 ("loom-files-" + std::to_string(::getpid())))
                    .string();
    std::filesystem::remove_all(directory);
    std::filesystem::create_directories(directory);
  }
  void TearDown() override { std::filesystem::remove_all(directory); }

  std::vector<std::string> listing() const {
    std::vector<std::string> names;
    for (const auto &entry : std::filesystem::directory_iterator(directory))
      names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }

  std::string directory;
};

TEST_F(FilesTest, ReadErrorsSayWhy) {
  EXPECT_EQ(errorOf(loom::readFile(directory + "/missing")),
            "cannot open '" + directory + "/missing': No such file or directory");
  EXPECT_EQ(errorOf(loom::readFile(directory, "checkpoint")),
            "cannot open checkpoint '" + directory + "': Is a directory");
  EXPECT_EQ(errorOf(loom::Compiler().compileFile(directory)),
            "cannot open '" + directory + "': Is a directory");
}

TEST_F(FilesTest, WritesReplaceWholeFilesAndLeaveNoTemporaries) {
  std::string path = directory + "/out.bin";
  ASSERT_TRUE(loom::writeFileAtomically(path, "first"));
  ASSERT_TRUE(loom::writeFileAtomically(path, "second"));
  EXPECT_EQ(*loom::readFile(path), "second");
  // A directory in the way: the write fails and the directory stays.
  std::filesystem::create_directory(directory + "/taken");
  expectContains(errorOf(loom::writeFileAtomically(directory + "/taken", "x")),
                 "cannot write '" + directory + "/taken'");
  expectContains(errorOf(loom::writeFileAtomically(directory + "/no/such", "x")),
                 "cannot create '" + directory + "/no/such'");
  EXPECT_EQ(listing(), (std::vector<std::string>{"out.bin", "taken"}));
}

} // namespace
