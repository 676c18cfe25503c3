//===- TargetBackendTest.cpp - The registry of target backends ------------===//
#include "loom/Target/TargetBackend.h"

#include "llvm/Target/TargetMachine.h"

#include <gtest/gtest.h>

namespace {

TEST(TargetBackendTest, CPUIsRegisteredWithTheCPUStages) {
  const loom::TargetBackend *cpu = loom::lookupTargetBackend("cpu");
  ASSERT_NE(cpu, nullptr);
  EXPECT_EQ(cpu->artifactKind(), loom::ArtifactKind::ObjectFile);
  std::vector<std::string> names;
  for (const loom::StageInfo &stage : cpu->stages())
    names.push_back(stage.name.str());
  EXPECT_EQ(names, (std::vector<std::string>{"loom", "linalg", "strategy",
                                             "tiled", "vectorized",
                                             "bufferized", "llvm"}));
}

TEST(TargetBackendTest, UnknownNameListsTheRegisteredOnes) {
  EXPECT_EQ(loom::lookupTargetBackend("tpu"), nullptr);
  loom::Expected<const loom::TargetBackend *> backend =
      loom::targetBackendNamed("tpu");
  ASSERT_FALSE(backend);
  EXPECT_EQ(backend.error().message(),
            "unknown target 'tpu'; targets: cpu, nvptx, nvptx-host");
}

TEST(TargetBackendTest, NVPTXResolvesKnownArchitecturesOnly) {
  const loom::TargetBackend *nvptx = loom::lookupTargetBackend("nvptx");
  ASSERT_NE(nvptx, nullptr);
  EXPECT_EQ(nvptx->artifactKind(), loom::ArtifactKind::ObjectFileWithPTX);
  loom::TargetSelection selection;
  selection.gpuArch = "sm_90";
  auto target = nvptx->resolve(selection);
  ASSERT_TRUE(target) << target.error().message();
  EXPECT_TRUE((*target)->launchesGPUKernels());
  EXPECT_NE((*target)->summary().find("sm_90 (features +ptx80)"), std::string::npos)
      << (*target)->summary();
  selection.gpuArch = "sm_75";
  auto unknown = nvptx->resolve(selection);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message(),
            "unknown GPU architecture 'sm_75'; known: sm_80, sm_86, sm_89, sm_90");
  // The emulation runs its code on the host, so it launches no kernels.
  auto emulation = loom::lookupTargetBackend("nvptx-host")->resolve({});
  ASSERT_TRUE(emulation) << emulation.error().message();
  EXPECT_FALSE((*emulation)->launchesGPUKernels());
}

/// Another backend: it registers beside the built-in ones.
class FakeBackend : public loom::TargetBackend {
public:
  llvm::StringRef name() const override { return "fake"; }
  llvm::StringRef description() const override { return "for the test"; }
  loom::ArtifactKind artifactKind() const override {
    return loom::ArtifactKind::ObjectFile;
  }
  llvm::ArrayRef<loom::StageInfo> stages() const override { return {}; }
  loom::Expected<std::unique_ptr<loom::CodegenTarget>>
  resolve(const loom::TargetSelection &) const override {
    return loom::Error(loom::ErrorKind::Unsupported, "fake targets do not resolve");
  }
};

TEST(TargetBackendTest, ASecondBackendRegistersOnce) {
  ASSERT_TRUE(loom::registerTargetBackend(std::make_unique<FakeBackend>()));
  EXPECT_NE(loom::lookupTargetBackend("fake"), nullptr);
  EXPECT_EQ(loom::targetBackends().size(), 4u);
  auto again = loom::registerTargetBackend(std::make_unique<FakeBackend>());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().message(), "a target named 'fake' is already registered");
}

TEST(TargetBackendTest, ResolvedCPUMakesItsTargetMachine) {
  const loom::TargetBackend *cpu = loom::lookupTargetBackend("cpu");
  ASSERT_NE(cpu, nullptr);
  loom::TargetSelection selection;
  selection.cpu = "x86-64-v3";
  auto target = cpu->resolve(selection);
  ASSERT_TRUE(target) << target.error().message();
  EXPECT_EQ((*target)->stages().size(), cpu->stages().size());
  auto machine = (*target)->createTargetMachine(llvm::CodeGenOptLevel::Default,
                                                /*positionIndependent=*/false);
  ASSERT_TRUE(machine) << machine.error().message();
  EXPECT_EQ((*machine)->getTargetCPU(), "x86-64-v3");
  EXPECT_NE((*target)->summary().find("256-bit vectors, 16 vector registers"),
            std::string::npos)
      << (*target)->summary();
}

} // namespace
