//===- CheckpointTest.cpp - Trainer::save and Trainer::load ---------------===//
#include "loom/DSL/Graph.h"
#include "loom/Training/Trainer.h"

#include "TrainingTestHelpers.h"

#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

using namespace loom;
using namespace loom::training;

namespace {

/// loss = mean((x w + b - y)^2): a small linear regression.
dsl::Module regressionModel(int64_t outputs = 3) {
  dsl::Module module("regression");
  dsl::Graph g(module, "loss");
  dsl::Tensor x = g.input("x", {8, 5});
  dsl::Tensor y = g.input("y", {8, outputs});
  dsl::Tensor w = g.parameter("w", {5, outputs}, dsl::Init::normal(0.5));
  dsl::Tensor b = g.parameter("b", {outputs}, dsl::Init::zeros());
  g.returns(dsl::square(dsl::matmul(x, w) + b - y).mean());
  return module;
}

class CheckpointTest : public ::testing::Test {
protected:
  void SetUp() override {
    llvm::SmallString<128> dir;
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("loom-checkpoint", dir));
    directory = std::string(dir);
    x = test_helpers::sampleTensor({8, 5}, DType::F32, 1);
    y = test_helpers::sampleTensor({8, 3}, DType::F32, 2);
  }
  void TearDown() override { std::filesystem::remove_all(directory); }

  Trainer makeTrainer(uint64_t seed = 3) {
    TrainerOptions options;
    options.seed = seed;
    return compileTrainStep(model.module(), "loss", Adam{0.01}, options).take();
  }

  /// Every parameter and state element, bit for bit.
  static std::vector<std::vector<float>> snapshot(const Trainer &trainer) {
    std::vector<std::vector<float>> values;
    for (const auto *group : {&trainer.parameters(), &trainer.optimizerState()})
      for (const NamedTensor &entry : *group)
        values.push_back(entry.tensor.toVector<float>());
    return values;
  }

  std::string readFile(const std::string &path) {
    std::ifstream file(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(file)),
                       std::istreambuf_iterator<char>());
  }
  void writeFile(const std::string &path, const std::string &bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
  }

  /// Loading `path` fails with a message containing `expected` and leaves
  /// the trainer exactly as it was.
  void expectRejected(Trainer &trainer, const std::string &path,
                      const std::string &expected) {
    auto before = snapshot(trainer);
    uint64_t steps = trainer.stepCount();
    Expected<void> loaded = trainer.load(path);
    ASSERT_FALSE(loaded);
    EXPECT_NE(loaded.error().message().find(expected), std::string::npos)
        << loaded.error().message();
    EXPECT_EQ(snapshot(trainer), before);
    EXPECT_EQ(trainer.stepCount(), steps);
  }

  dsl::Module model = regressionModel();
  std::string directory;
  Tensor x = Tensor::zeros({1}), y = Tensor::zeros({1});
};

TEST_F(CheckpointTest, ResumingGivesTheSameTrajectoryBitForBit) {
  Trainer uninterrupted = makeTrainer();
  std::vector<double> losses;
  for (int i = 0; i < 6; ++i)
    losses.push_back(uninterrupted.step({x, y}).take());

  Trainer first = makeTrainer();
  for (int i = 0; i < 3; ++i)
    first.step({x, y}).take();
  std::string path = directory + "/regression.ckpt";
  ASSERT_TRUE(first.save(path));
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp")) << "temporary left";
  for (const auto &entry : std::filesystem::directory_iterator(directory))
    EXPECT_EQ(entry.path().filename(), "regression.ckpt");

  // A trainer with other initial parameters takes the checkpoint's.
  Trainer resumed = makeTrainer(/*seed=*/99);
  ASSERT_NE(snapshot(resumed), snapshot(first));
  Expected<void> loaded = resumed.load(path);
  ASSERT_TRUE(loaded) << loaded.error().message();
  EXPECT_EQ(snapshot(resumed), snapshot(first));
  EXPECT_EQ(resumed.stepCount(), 3u);
  for (int i = 3; i < 6; ++i)
    EXPECT_EQ(resumed.step({x, y}).take(), losses[i]) << "step " << i;
  EXPECT_EQ(snapshot(resumed), snapshot(uninterrupted));
}

TEST_F(CheckpointTest, CorruptFileIsRejected) {
  Trainer trainer = makeTrainer();
  trainer.step({x, y}).take();
  std::string path = directory + "/a.ckpt";
  ASSERT_TRUE(trainer.save(path));
  std::string bytes = readFile(path);
  bytes[bytes.size() - 10] ^= 0x10; // a bit of the last payload (the step)
  writeFile(path, bytes);
  Trainer other = makeTrainer(5);
  expectRejected(other, path, "corrupt: the checksum does not match");
}

TEST_F(CheckpointTest, TruncatedFileIsRejected) {
  Trainer trainer = makeTrainer();
  std::string path = directory + "/a.ckpt";
  ASSERT_TRUE(trainer.save(path));
  std::string bytes = readFile(path);
  writeFile(path, bytes.substr(0, bytes.size() - 20));
  Trainer other = makeTrainer(5);
  expectRejected(other, path, "truncated");
}

TEST_F(CheckpointTest, MismatchedTrainerIsRejected) {
  Trainer trainer = makeTrainer();
  std::string path = directory + "/a.ckpt";
  ASSERT_TRUE(trainer.save(path));

  // Same names, other shapes.
  dsl::Module wider = regressionModel(/*outputs=*/4);
  Trainer widerTrainer =
      compileTrainStep(wider.module(), "loss", Adam{0.01}).take();
  expectRejected(widerTrainer, path,
                 "parameter 'w' is tensor<5x3xf32>, the trainer expects "
                 "tensor<5x4xf32>");

  // Other optimizer state.
  Trainer sgd =
      compileTrainStep(model.module(), "loss", SGD{0.1, 0.9, 0.0, false}).take();
  expectRejected(sgd, path, "holds 7 tensors, the trainer has 4");
}

TEST_F(CheckpointTest, OtherFilesAreRejected) {
  Trainer trainer = makeTrainer();
  std::string path = directory + "/not.ckpt";
  writeFile(path, "hello, world");
  expectRejected(trainer, path, "not a Loom checkpoint (bad magic)");
  expectRejected(trainer, directory + "/missing.ckpt", "cannot open checkpoint");
}

TEST_F(CheckpointTest, InferenceUsesTheTrainedParameters) {
  dsl::Graph predict(model, "predict");
  dsl::Tensor input = predict.input("x", {8, 5});
  dsl::Tensor w = predict.parameter("w", {5, 3}, dsl::Init::normal(0.5));
  dsl::Tensor b = predict.parameter("b", {3}, dsl::Init::zeros());
  predict.returns(dsl::matmul(input, w) + b);
  Trainer trainer = makeTrainer();
  for (int i = 0; i < 4; ++i)
    trainer.step({x, y}).take();

  std::vector<Tensor> output = trainer.run("predict", {x}).take();
  ASSERT_EQ(output.size(), 1u);
  std::vector<float> wv = trainer.parameter("w")->toVector<float>();
  std::vector<float> bv = trainer.parameter("b")->toVector<float>();
  std::vector<float> xv = x.toVector<float>();
  for (int row = 0; row < 8; ++row)
    for (int col = 0; col < 3; ++col) {
      double expected = bv[col];
      for (int k = 0; k < 5; ++k)
        expected += double(xv[row * 5 + k]) * wv[k * 3 + col];
      EXPECT_NEAR(output[0].data<float>()[row * 3 + col], expected, 1e-5);
    }
  Expected<std::vector<Tensor>> wrong = trainer.run("predict", {});
  ASSERT_FALSE(wrong);
  EXPECT_NE(wrong.error().message().find("takes more inputs than the 0 given"),
            std::string::npos);
}

TEST_F(CheckpointTest, MovedFromTrainerGivesErrors) {
  Trainer trainer = makeTrainer();
  Trainer moved = std::move(trainer);
  std::string path = directory + "/moved.ckpt";
  ASSERT_TRUE(moved.save(path));

  // Every operation on the moved-from trainer is an error value, not a crash.
  auto expectMovedFrom = [](const auto &result) {
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().kind(), ErrorKind::InvalidArgument);
    EXPECT_NE(result.error().message().find("the trainer was moved from"),
              std::string::npos)
        << result.error().message();
  };
  // NOLINTBEGIN(bugprone-use-after-move): the point of the test.
  expectMovedFrom(trainer.step({x, y}));
  expectMovedFrom(trainer.stepPhases({x, y}));
  expectMovedFrom(trainer.run("loss", {x, y}));
  expectMovedFrom(trainer.save(directory + "/from-moved.ckpt"));
  expectMovedFrom(trainer.load(path));
  EXPECT_FALSE(std::filesystem::exists(directory + "/from-moved.ckpt"));
  EXPECT_TRUE(trainer.batchInputs().empty());
  EXPECT_EQ(trainer.parameter("w"), nullptr);

  // A moved-from trainer can be assigned a working one again.
  trainer = makeTrainer();
  EXPECT_TRUE(trainer.step({x, y}));
  // NOLINTEND(bugprone-use-after-move)

  // The trainer it moved to works.
  EXPECT_TRUE(moved.step({x, y}));
  EXPECT_TRUE(moved.load(path));
}

} // namespace
