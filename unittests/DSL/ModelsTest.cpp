//===- ModelsTest.cpp - The built-in models of docs/models.md -------------===//
#include "loom/Dialect/Loom/IR/LoomABI.h"
#include "loom/Models/Models.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "gtest/gtest.h"

#include <map>

using namespace loom;
using namespace loom::dsl;
using loom::models::buildModel;
using loom::models::ModelOptions;

namespace {

/// Weights plus bias of Linear(in, out).
constexpr int64_t linear(int64_t in, int64_t out) { return in * out + out; }
/// Weights plus bias of Conv2d(in, out, k x k).
constexpr int64_t conv(int64_t in, int64_t out, int64_t k) {
  return out * in * k * k + out;
}
constexpr int64_t layerNorm(int64_t d) { return 2 * d; }
/// Pre-LN encoder block: two LayerNorms, Q/K/V/out projections, the FFN.
constexpr int64_t block(int64_t d, int64_t hidden) {
  return 2 * layerNorm(d) + 4 * linear(d, d) + linear(d, hidden) +
         linear(hidden, d);
}

struct Signature {
  std::vector<std::string> inputs;
  std::vector<std::string> params;
  int64_t parameterCount = 0;
};

Signature signatureOf(mlir::func::FuncOp func) {
  Signature result;
  for (unsigned i = 0; i < func.getNumArguments(); ++i) {
    auto type = mlir::cast<mlir::RankedTensorType>(func.getArgument(i).getType());
    if (auto name = func.getArgAttrOfType<mlir::StringAttr>(i, loom::abi::kParam)) {
      result.params.push_back(name.str());
      result.parameterCount += type.getNumElements();
      EXPECT_TRUE(func.getArgAttrOfType<InitAttr>(i, loom::abi::kInit))
          << name.str();
    } else if (auto input =
                   func.getArgAttrOfType<mlir::StringAttr>(i, loom::abi::kInput)) {
      result.inputs.push_back(input.str());
    } else {
      ADD_FAILURE() << "argument " << i << " has neither tag";
    }
  }
  return result;
}

std::vector<int64_t> shapeOf(mlir::Type type) {
  auto shape = mlir::cast<mlir::RankedTensorType>(type).getShape();
  return {shape.begin(), shape.end()};
}

/// The last result is the loss: a rank-0 f32.
void expectScalarLoss(mlir::func::FuncOp func) {
  auto results = func.getFunctionType().getResults();
  ASSERT_FALSE(results.empty());
  auto loss = mlir::cast<mlir::RankedTensorType>(results.back());
  EXPECT_EQ(loss.getRank(), 0);
  EXPECT_TRUE(loss.getElementType().isF32());
}

Module build(std::string_view name, ModelOptions options = {}) {
  auto module = buildModel(name, options);
  if (!module)
    ADD_FAILURE() << module.error().message();
  return module.take();
}

TEST(Models, AE) {
  Module m = build("ae");
  auto forward = m.lookup("forward");
  ASSERT_TRUE(forward);
  Signature sig = signatureOf(forward);
  EXPECT_EQ(sig.inputs, std::vector<std::string>{"x"});
  EXPECT_EQ(sig.parameterCount,
            linear(784, 512) + linear(512, 128) + linear(128, 32) +
                linear(32, 128) + linear(128, 512) + linear(512, 784));
  EXPECT_EQ(sig.params.front(), "enc.fc1.weight");
  EXPECT_EQ(sig.params.back(), "dec.fc3.bias");
  EXPECT_EQ(shapeOf(forward.getArgument(0).getType()),
            (std::vector<int64_t>{64, 784}));
  ASSERT_EQ(forward.getNumResults(), 2u);
  EXPECT_EQ(shapeOf(forward.getResultTypes()[0]),
            (std::vector<int64_t>{64, 784}));
  expectScalarLoss(forward);
}

TEST(Models, VAE) {
  Module m = build("vae", {.batch = 32});
  auto forward = m.lookup("forward");
  ASSERT_TRUE(forward);
  Signature sig = signatureOf(forward);
  EXPECT_EQ(sig.inputs, (std::vector<std::string>{"x", "seed"}));
  EXPECT_EQ(sig.parameterCount, linear(784, 400) + 2 * linear(400, 20) +
                                    linear(20, 400) + linear(400, 784));
  EXPECT_EQ(shapeOf(forward.getArgument(0).getType()),
            (std::vector<int64_t>{32, 784}));
  EXPECT_EQ(shapeOf(forward.getArgument(1).getType()), std::vector<int64_t>{});
  int randomOps = 0;
  forward.walk([&](RandomNormalOp) { ++randomOps; });
  EXPECT_EQ(randomOps, 1);
  // Reconstruction, the negative ELBO of each image, and its mean: the loss.
  ASSERT_EQ(forward.getNumResults(), 3u);
  EXPECT_EQ(shapeOf(forward.getResultTypes()[1]), std::vector<int64_t>{32});
  expectScalarLoss(forward);
}

TEST(Models, GAN) {
  Module m = build("gan");
  auto generator = m.lookup("generator");
  auto discriminator = m.lookup("discriminator");
  ASSERT_TRUE(generator && discriminator);

  Signature gen = signatureOf(generator);
  EXPECT_EQ(gen.inputs, std::vector<std::string>{"seed"});
  EXPECT_EQ(gen.parameterCount, linear(100, 256) + linear(256, 512) +
                                    linear(512, 1024) + linear(1024, 784));
  ASSERT_EQ(generator.getNumResults(), 1u);
  EXPECT_EQ(shapeOf(generator.getResultTypes()[0]),
            (std::vector<int64_t>{64, 1, 28, 28}));

  Signature disc = signatureOf(discriminator);
  EXPECT_EQ(disc.inputs, (std::vector<std::string>{"x", "target", "seed"}));
  EXPECT_EQ(disc.parameterCount,
            conv(1, 64, 3) + conv(64, 128, 3) + linear(128 * 7 * 7, 1));
  ASSERT_EQ(discriminator.getNumResults(), 2u);
  EXPECT_EQ(shapeOf(discriminator.getResultTypes()[0]),
            (std::vector<int64_t>{64, 1}));
  expectScalarLoss(discriminator);
  int dropoutMasks = 0;
  discriminator.walk([&](RandomUniformOp) { ++dropoutMasks; });
  EXPECT_EQ(dropoutMasks, 2);
}

TEST(Models, GANWithoutTrainingHasNoDropout) {
  Module m = build("gan", {.batch = 1, .training = false});
  auto discriminator = m.lookup("discriminator");
  ASSERT_TRUE(discriminator);
  EXPECT_EQ(signatureOf(discriminator).inputs,
            (std::vector<std::string>{"x", "target"}));
  int randomOps = 0;
  discriminator.walk([&](RandomUniformOp) { ++randomOps; });
  EXPECT_EQ(randomOps, 0);
}

TEST(Models, GANGeneratorWithBatchNorm) {
  // The GAN example's generator: the same linear layers, then a batch
  // normalization per hidden layer, created after them.
  Graph g("gen");
  Tensor z = g.input("z", {8, models::kGANNoise});
  g.returns(models::GANGenerator(g, {.batchNorm = true})(z));
  Signature sig = signatureOf(g.func());
  EXPECT_EQ(sig.params,
            (std::vector<std::string>{
                "gen.fc1.weight", "gen.fc1.bias", "gen.fc2.weight",
                "gen.fc2.bias", "gen.fc3.weight", "gen.fc3.bias",
                "gen.fc4.weight", "gen.fc4.bias", "gen.bn1.weight",
                "gen.bn1.bias", "gen.bn2.weight", "gen.bn2.bias",
                "gen.bn3.weight", "gen.bn3.bias"}));
  EXPECT_EQ(sig.parameterCount, linear(100, 256) + linear(256, 512) +
                                    linear(512, 1024) + linear(1024, 784) +
                                    layerNorm(256) + layerNorm(512) +
                                    layerNorm(1024));
}

TEST(Models, Attention) {
  Module m = build("attn");
  auto forward = m.lookup("forward");
  ASSERT_TRUE(forward);
  Signature sig = signatureOf(forward);
  EXPECT_EQ(sig.inputs, (std::vector<std::string>{"x", "labels"}));
  EXPECT_EQ(sig.parameterCount, block(256, 1024) + linear(256, 10));
  EXPECT_EQ(shapeOf(forward.getArgument(0).getType()),
            (std::vector<int64_t>{16, 128, 256}));
  // Scores are per batch and head: [16, 4, 128, 128].
  bool sawScores = false;
  forward.walk([&](MatmulOp op) {
    sawScores |= shapeOf(op.getType()) == std::vector<int64_t>{16, 4, 128, 128};
  });
  EXPECT_TRUE(sawScores);
  ASSERT_EQ(forward.getNumResults(), 2u);
  EXPECT_EQ(shapeOf(forward.getResultTypes()[0]),
            (std::vector<int64_t>{16, 10}));
  expectScalarLoss(forward);
}

TEST(Models, AttentionFMNIST) {
  Module m = build("attn-fmnist");
  auto forward = m.lookup("forward");
  ASSERT_TRUE(forward);
  Signature sig = signatureOf(forward);
  EXPECT_EQ(sig.inputs, (std::vector<std::string>{"x", "labels"}));
  EXPECT_EQ(sig.parameterCount, linear(28, 64) + 28 * 64 + block(64, 128) +
                                    linear(64, 10));
  EXPECT_EQ(shapeOf(forward.getArgument(0).getType()),
            (std::vector<int64_t>{64, 28, 28}));
  expectScalarLoss(forward);
}

TEST(Models, EveryModelVerifiesAndHasUniqueParameterNames) {
  for (std::string_view name : models::modelNames()) {
    auto module = buildModel(name);
    ASSERT_TRUE(module) << name << ": " << module.error().message();
    EXPECT_NO_THROW(module->verify()) << name;
    module->module().walk([&](mlir::func::FuncOp func) {
      std::map<std::string, int> seen;
      for (const std::string &param : signatureOf(func).params)
        EXPECT_EQ(++seen[param], 1) << name << ": " << param;
    });
  }
}

TEST(Models, BadRequestsAreErrors) {
  auto unknown = buildModel("resnet");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message().find("unknown model 'resnet'"),
            std::string::npos);
  EXPECT_NE(unknown.error().message().find("attn-fmnist"), std::string::npos);
  auto empty = buildModel("ae", {.batch = 0});
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.error().message().find("positive batch size"),
            std::string::npos);
}

} // namespace
