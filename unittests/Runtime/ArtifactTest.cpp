//===- ArtifactTest.cpp - Saving, loading and refusing artifacts ----------===//
//
// An artifact saved by the compiler and loaded by the runtime computes what
// the reference evaluator computes; malformed manifests and libraries are
// errors of kind IO, never a crash; and every public failure has its kind.
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

#include <filesystem>
#include <random>

#include <unistd.h>

using loom::ErrorKind;
using loom::Tensor;

namespace {

constexpr const char *kModel = R"mlir(
func.func @main(%x: tensor<4x3xf32> {loom.input = "x"},
                %w: tensor<3x5xf32> {loom.input = "w"},
                %b: tensor<5xf32> {loom.input = "b"}) -> tensor<4x5xf32> {
  %xw = loom.matmul %x, %w : tensor<4x3xf32>, tensor<3x5xf32> -> tensor<4x5xf32>
  %bb = loom.broadcast_in_dim %b dims = [1] : tensor<5xf32> -> tensor<4x5xf32>
  %s = loom.add %xw, %bb : tensor<4x5xf32>
  %t = loom.tanh %s : tensor<4x5xf32>
  return %t : tensor<4x5xf32>
}
)mlir";

/// A fresh directory under the system's temporary directory.
class TemporaryDirectory {
public:
  TemporaryDirectory() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "loom-artifact-XXXXXX").string();
    if (!mkdtemp(pattern.data()))
      ADD_FAILURE() << "mkdtemp failed";
    path = pattern;
  }
  ~TemporaryDirectory() { std::filesystem::remove_all(path); }
  std::string path;
};

template <typename T> ErrorKind kindOf(const loom::Expected<T> &result) {
  EXPECT_FALSE(result) << "expected an error";
  return result ? ErrorKind::Unsupported : result.error().kind();
}

template <typename T> std::string messageOf(const loom::Expected<T> &result) {
  return result ? std::string() : result.error().message();
}

void expectContains(const std::string &text, const std::string &part) {
  EXPECT_NE(text.find(part), std::string::npos) << text;
}

TEST(ArtifactTest, SavedArtifactComputesWhatTheReferenceComputes) {
  TemporaryDirectory directory;
  loom::Expected<void> saved =
      loom::Compiler().saveArtifact(kModel, "model.mlir", directory.path);
  ASSERT_TRUE(saved) << saved.error().message();

  loom::Expected<loom::Executable> loaded = loom::loadArtifact(directory.path);
  ASSERT_TRUE(loaded) << loaded.error().message();
  EXPECT_EQ(loaded->entryNames(), std::vector<std::string>{"main"});
  EXPECT_EQ(loaded->info().threads, 1u);
  EXPECT_FALSE(loaded->info().targetCPU.empty());

  std::mt19937_64 engine(7);
  std::vector<loom::reference::RefTensor> arguments = {
      loom::testing::uniformTensor(engine, {4, 3}),
      loom::testing::uniformTensor(engine, {3, 5}),
      loom::testing::uniformTensor(engine, {5})};
  std::vector<Tensor> runtimeArguments;
  for (const auto &argument : arguments)
    runtimeArguments.push_back(loom::testing::toRuntime(argument));
  auto results = loaded->run("main", runtimeArguments);
  ASSERT_TRUE(results) << results.error().message();

  mlir::MLIRContext context;
  context.loadDialect<loom::LoomDialect, mlir::func::FuncDialect>();
  auto module = mlir::parseSourceString<mlir::ModuleOp>(kModel, &context);
  ASSERT_TRUE(module);
  auto expected = loom::reference::evaluateReference(
      module->lookupSymbol<mlir::func::FuncOp>("main"), arguments);
  ASSERT_TRUE(expected) << expected.error().message();
  ASSERT_EQ(results->size(), 1u);
  loom::testing::expectNear((*results)[0], (*expected)[0], 1e-5);

  // The signature came back from the manifest: a wrong shape is refused.
  std::swap(runtimeArguments[0], runtimeArguments[1]);
  EXPECT_EQ(kindOf(loaded->run("main", runtimeArguments)),
            ErrorKind::InvalidArgument);
}

TEST(ArtifactTest, ManifestRoundTripsEveryField) {
  loom::ArtifactInfo info;
  info.targetCPU = "znver4";
  info.threads = 8;
  info.library = "code-0123abcd.so";
  loom::Signature signature;
  signature.entry = "step \"one\"\\\n";
  signature.arguments.push_back(
      {"w \"quoted\"", loom::ArgumentKind::Parameter,
       {{2, 3}, loom::DType::F32},
       loom::Initializer{loom::InitializerKind::XavierUniform, 0.1}});
  signature.arguments.push_back(
      {"x", loom::ArgumentKind::Input, {{}, loom::DType::I64}, std::nullopt});
  signature.arguments.push_back(
      {"arg2", loom::ArgumentKind::Plain, {{0, 7}, loom::DType::I1}, std::nullopt});
  signature.arguments.push_back(
      {"w.momentum", loom::ArgumentKind::State, {{2, 3}, loom::DType::F32},
       std::nullopt});
  signature.results = {{"w \"new\"", {{2, 3}, loom::DType::F32}, 0},
                       {"grad.x", {{}, loom::DType::F64}, std::nullopt}};
  signature.workspaceBytes = 4096;
  info.signatures.push_back(signature);

  auto parsed = loom::parseManifest(loom::formatManifest(info), "manifest.txt");
  ASSERT_TRUE(parsed) << parsed.error().message();
  EXPECT_EQ(parsed->targetBackend, "host-cpu");
  EXPECT_EQ(parsed->targetCPU, "znver4");
  EXPECT_EQ(parsed->threads, 8u);
  EXPECT_EQ(parsed->library, "code-0123abcd.so");
  ASSERT_EQ(parsed->signatures.size(), 1u);
  const loom::Signature &back = parsed->signatures[0];
  EXPECT_EQ(back.entry, signature.entry);
  ASSERT_EQ(back.arguments.size(), 4u);
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(back.arguments[i].name, signature.arguments[i].name);
    EXPECT_EQ(back.arguments[i].kind, signature.arguments[i].kind);
    EXPECT_EQ(back.arguments[i].type.shape, signature.arguments[i].type.shape);
    EXPECT_EQ(back.arguments[i].type.dtype, signature.arguments[i].type.dtype);
  }
  ASSERT_TRUE(back.arguments[0].initializer);
  EXPECT_EQ(back.arguments[0].initializer->kind,
            loom::InitializerKind::XavierUniform);
  EXPECT_EQ(back.arguments[0].initializer->scale, 0.1);
  EXPECT_FALSE(back.arguments[1].initializer);
  ASSERT_EQ(back.results.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(back.results[i].name, signature.results[i].name);
    EXPECT_EQ(back.results[i].type.shape, signature.results[i].type.shape);
    EXPECT_EQ(back.results[i].type.dtype, signature.results[i].type.dtype);
    EXPECT_EQ(back.results[i].tiedTo, signature.results[i].tiedTo);
  }
  EXPECT_EQ(back.workspaceBytes, std::optional<uint64_t>(4096));
}

TEST(ArtifactTest, MalformedManifestsAreIOErrorsNamingTheLine) {
  const std::string header = "loom-artifact 1\ntarget \"host-cpu\" \"x\"\n"
                             "threads 1\nlibrary \"code.so\"\n";
  // Version 3 names results.
  const std::string header3 = "loom-artifact 3" + header.substr(header.find('\n'));
  struct Case {
    std::string text;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"", "the file is empty"},
      {"\n\n", "the file is empty"},
      {"ELF\x7f garbage\n", ":1: malformed artifact manifest: it does not start"},
      {header, "lists no entry"},
      {"loom-artifact 1\nentry \"f\"\nend\n", "lacks a 'target', 'threads' or 'library'"},
      {"loom-artifact 1\nlibrary \"../evil.so\"\n", "must be a file name in the artifact's directory"},
      {header + "entry \"f\"\nresult f32 [2]\n", "has no 'end': the file is truncated"},
      {header + "entry \"f\"\nresult f32 [2]\nend", ":7: malformed artifact manifest: the last line has no newline"},
      {header + "entry \"f\"\narg param \"w\" f16 [2]\nend\n", "unknown dtype 'f16'"},
      {header + "entry \"f\"\narg param \"w\" f32 [2,x]\nend\n", "bad dimension 'x'"},
      {header + "entry \"f\"\narg param \"w\" f32 [2,]\nend\n", "ends in a comma"},
      {header + "entry \"f\"\narg param \"w\" f32 [-2]\nend\n", "bad dimension '-2'"},
      {header + "entry \"f\"\narg param \"w\" f32 2\nend\n", "expected a shape"},
      {header + "entry \"f\"\narg secret \"w\" f32 [2]\nend\n", "unknown argument kind 'secret'"},
      {header + "entry \"f\"\narg param \"w f32 [2]\nend\n", "unterminated quoted name"},
      {header + "entry \"f\"\narg param \"w\\t\" f32 [2]\nend\n", "unknown escape"},
      {header + "entry \"f\"\narg param \"w\" f32 [2] init magic 1\nend\n", "unknown initializer 'magic'"},
      {header + "entry \"f\"\narg param \"w\" f32 [2] init ones\nend\n", "a field is missing"},
      {header + "entry \"f\"\narg param \"w\" f32 [2]\nresult f32 [3] tied 0\nend\n", "not an argument of its type"},
      {header + "entry \"f\"\nresult f32 [3] tied 99999999999999999999999\nend\n", "not an integer in range"},
      {header + "entry \"f\"\nresult f32 [3]\narg plain \"a\" f32 [3]\nend\n", "an argument after a result"},
      {header + "entry \"f\"\nentry \"g\"\nend\n", "unexpected 'entry' inside entry 'f'"},
      {header3 + "entry \"f\"\nresult f32 [2]\nend\n", "expected a quoted name"},
      {header3 + "entry \"f\"\nresult \"\" f32 [2]\nend\n", "a result needs a non-empty name"},
      {header3 + "entry \"f\"\nresult \"y\" f32 [2]\nresult \"y\" f32 [2]\nend\n", "two results are named 'y'"},
      {header3 + "entry \"f\"\nworkspace 64\nworkspace 64\nend\n", "a second 'workspace' in entry 'f'"},
      {header3 + "entry \"f\"\nworkspace -1\nend\n", "not an integer in range"},
      {header + "entry \"f\"\nworkspace 64\nend\n", "unexpected 'workspace' inside entry 'f'"},
      {header + "threads 0\nentry \"f\"\nend\n", "thread count must be positive"},
      {header + "entry \"f\" extra\nend\n", "unexpected text after 'entry'"},
  };
  for (const Case &test : cases) {
    SCOPED_TRACE(test.text);
    auto parsed = loom::parseManifest(test.text, "dir/manifest.txt");
    EXPECT_EQ(kindOf(parsed), ErrorKind::IO);
    expectContains(messageOf(parsed), "dir/manifest.txt");
    expectContains(messageOf(parsed), test.message);
  }
  auto future = loom::parseManifest("loom-artifact 4\n", "manifest.txt");
  EXPECT_EQ(kindOf(future), ErrorKind::Unsupported);
  expectContains(messageOf(future), "version 4; this runtime reads versions 1-3");
  // Version 1 (before `state` and result names) still loads; its results are
  // named after the argument they are tied to, or by position.
  auto older = loom::parseManifest(
      "loom-artifact 1\ntarget \"host-cpu\" \"x\"\nthreads 1\nlibrary "
      "\"code.so\"\nentry \"f\"\narg input \"x\" f32 [2]\nresult f32 [2]\n"
      "result f32 [2] tied 0\nend\n",
      "manifest.txt");
  ASSERT_TRUE(older) << older.error().message();
  const loom::Signature &f = older->signatures.at(0);
  EXPECT_EQ(f.arguments.at(0).kind, loom::ArgumentKind::Input);
  EXPECT_EQ(f.results.at(0).name, "result0");
  EXPECT_EQ(f.results.at(1).name, "x");
}

TEST(ArtifactTest, MissingOrBrokenFilesAreIOErrors) {
  TemporaryDirectory directory;
  auto missing = loom::loadArtifact(directory.path + "/nothing");
  EXPECT_EQ(kindOf(missing), ErrorKind::IO);
  expectContains(messageOf(missing), "cannot open artifact manifest");

  ASSERT_TRUE(loom::Compiler().saveArtifact(kModel, "model.mlir", directory.path));
  std::string manifest = directory.path + "/" + loom::kArtifactManifestFile;
  auto text = loom::readFile(manifest);
  ASSERT_TRUE(text);
  auto info = loom::parseManifest(*text, manifest);
  ASSERT_TRUE(info) << info.error().message();
  std::string library = directory.path + "/" + info->library;
  auto bytes = loom::readFile(library);
  ASSERT_TRUE(bytes);

  // A library cut short, or not a library at all.
  ASSERT_TRUE(loom::writeFileAtomically(library, bytes->substr(0, 100)));
  auto truncated = loom::loadArtifact(directory.path);
  EXPECT_EQ(kindOf(truncated), ErrorKind::IO);
  expectContains(messageOf(truncated), "cannot load artifact library");
  ASSERT_TRUE(loom::writeFileAtomically(library, ""));
  EXPECT_EQ(kindOf(loom::loadArtifact(directory.path)), ErrorKind::IO);

  // A manifest naming an entry the library lacks.
  ASSERT_TRUE(loom::writeFileAtomically(library, *bytes));
  ASSERT_TRUE(loom::writeFileAtomically(
      manifest, *text + "entry \"absent\"\nend\n"));
  auto absent = loom::loadArtifact(directory.path);
  EXPECT_EQ(kindOf(absent), ErrorKind::IO);
  expectContains(messageOf(absent), "has no '_mlir__mlir_ciface_absent'");

  // The library removed.
  ASSERT_TRUE(loom::writeFileAtomically(manifest, *text));
  std::filesystem::remove(library);
  EXPECT_EQ(kindOf(loom::loadArtifact(directory.path)), ErrorKind::IO);
}

TEST(ArtifactTest, NumericChecksCannotBeSaved) {
  TemporaryDirectory directory;
  loom::CompilerOptions options;
  options.checkNumerics = true;
  auto saved = loom::Compiler(options).saveArtifact(kModel, "model.mlir",
                                                    directory.path);
  EXPECT_EQ(kindOf(saved), ErrorKind::Unsupported);
  EXPECT_TRUE(std::filesystem::is_empty(directory.path));
}

TEST(ArtifactTest, SavingAgainReplacesTheLibraryAndItsCode) {
  TemporaryDirectory directory;
  auto libraries = [&] {
    std::vector<std::string> names;
    for (const auto &file : std::filesystem::directory_iterator(directory.path))
      if (file.path().extension() == ".so")
        names.push_back(file.path().filename().string());
    return names;
  };
  const char *constant = R"mlir(
func.func @f() -> tensor<2xf32> {
  %c = loom.constant dense<[VALUE, 2.0]> : tensor<2xf32>
  return %c : tensor<2xf32>
}
)mlir";
  auto withValue = [&](const std::string &value) {
    std::string text = constant;
    return text.replace(text.find("VALUE"), 5, value);
  };
  ASSERT_TRUE(loom::Compiler().saveArtifact(withValue("1.0"), "a.mlir",
                                            directory.path));
  auto first = loom::loadArtifact(directory.path);
  ASSERT_TRUE(first) << first.error().message();
  std::vector<std::string> before = libraries();
  ASSERT_EQ(before.size(), 1u);

  // Saved again while the first is loaded: the new load runs the new code.
  ASSERT_TRUE(loom::Compiler().saveArtifact(withValue("7.0"), "b.mlir",
                                            directory.path));
  std::vector<std::string> after = libraries();
  ASSERT_EQ(after.size(), 1u);
  EXPECT_NE(after, before);
  auto second = loom::loadArtifact(directory.path);
  ASSERT_TRUE(second) << second.error().message();
  auto oldResult = first->run("f", {});
  auto newResult = second->run("f", {});
  ASSERT_TRUE(oldResult && newResult);
  EXPECT_EQ((*oldResult)[0].elementAsDouble(0), 1.0);
  EXPECT_EQ((*newResult)[0].elementAsDouble(0), 7.0);
}

TEST(ErrorKindTest, EachFailureHasItsKind) {
  loom::Compiler compiler;
  EXPECT_EQ(kindOf(compiler.compileSource("func.func @f(", "bad.mlir")),
            ErrorKind::InvalidIR);
  EXPECT_EQ(kindOf(compiler.compileSource(
                "func.func @f(%x: tensor<?xf32>) -> tensor<?xf32> {\n"
                "  return %x : tensor<?xf32>\n}\n",
                "dynamic.mlir")),
            ErrorKind::InvalidIR);
  EXPECT_EQ(kindOf(compiler.compileFile("/nonexistent/model.mlir")),
            ErrorKind::IO);
  EXPECT_EQ(kindOf(loom::readFile("/nonexistent/file")), ErrorKind::IO);

  loom::CompilerOptions badLevel;
  badLevel.optLevel = 9;
  EXPECT_EQ(kindOf(loom::Compiler(badLevel).compileSource(kModel)),
            ErrorKind::InvalidArgument);
  loom::CompilerOptions noThreads;
  noThreads.threads = 0;
  EXPECT_EQ(kindOf(loom::Compiler(noThreads).compileSource(kModel)),
            ErrorKind::InvalidArgument);

  auto executable = compiler.compileSource(kModel);
  ASSERT_TRUE(executable) << executable.error().message();
  EXPECT_EQ(kindOf(executable->run("main", {})), ErrorKind::InvalidArgument);
  EXPECT_EQ(kindOf(executable->run("absent", {})), ErrorKind::InvalidArgument);
  std::vector<Tensor> wrongShapes = {Tensor::zeros({3, 4}, loom::DType::F32),
                                     Tensor::zeros({3, 5}, loom::DType::F32),
                                     Tensor::zeros({5}, loom::DType::F32)};
  EXPECT_EQ(kindOf(executable->run("main", wrongShapes)),
            ErrorKind::InvalidArgument);

  loom::CompilerOptions checked;
  checked.checkNumerics = true;
  auto logOfNegative = loom::Compiler(checked).compileSource(R"mlir(
func.func @f(%x: tensor<2xf32>) -> tensor<2xf32> {
  %y = loom.log %x : tensor<2xf32>
  return %y : tensor<2xf32>
}
)mlir", "log.mlir");
  ASSERT_TRUE(logOfNegative) << logOfNegative.error().message();
  auto nan = logOfNegative->run(
      "f", {Tensor::fromVector<float>({2}, {1.0f, -1.0f})});
  EXPECT_EQ(kindOf(nan), ErrorKind::NonFinite);
  expectContains(messageOf(nan), "log.mlir:3:");
}

} // namespace
