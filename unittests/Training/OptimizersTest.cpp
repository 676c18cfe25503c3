//===- OptimizersTest.cpp - Optimizer updates against PyTorch's formulas --===//
//
// The compiled step of 0.5 * sum((w - t)^2), whose gradient is w - t, is run
// for several steps and compared with a plain C++ transcription of the
// update rules in PyTorch's documentation of torch.optim.SGD, Adam and AdamW.
//
//===----------------------------------------------------------------------===//
#include "loom/DSL/Graph.h"
#include "loom/Training/Trainer.h"

#include "TrainingTestHelpers.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace loom;
using namespace loom::training;

namespace {

constexpr int kSteps = 5;

/// loss = 0.5 * sum((w - t)^2) in f64, w: [3, 4] ~ N(0, 1).
dsl::Module quadraticModel() {
  dsl::Module module("quadratic");
  dsl::Graph g(module, "loss");
  dsl::Tensor target = g.input("t", {3, 4}, DType::F64);
  dsl::Tensor w =
      g.parameter("w", {3, 4}, dsl::Init::normal(1.0), DType::F64);
  g.returns(dsl::square(w - target).sum() * 0.5);
  return module;
}

/// One independent reference per optimizer, on plain vectors.
struct Reference {
  std::vector<double> w, buffer, expAvg, expAvgSq;
  int step = 0;

  void sgd(const SGD &o, const std::vector<double> &t) {
    for (size_t i = 0; i < w.size(); ++i) {
      double g = w[i] - t[i] + o.weightDecay * w[i];
      if (o.momentum != 0) {
        buffer[i] = step == 0 ? g : o.momentum * buffer[i] + g;
        g = o.nesterov ? g + o.momentum * buffer[i] : buffer[i];
      }
      w[i] -= o.lr * g;
    }
    ++step;
  }

  template <class AdamLike>
  void adam(const AdamLike &o, const std::vector<double> &t, bool decoupled) {
    ++step;
    for (size_t i = 0; i < w.size(); ++i) {
      double g = w[i] - t[i];
      if (decoupled)
        w[i] *= 1 - o.lr * o.weightDecay;
      else
        g += o.weightDecay * w[i];
      expAvg[i] = o.beta1 * expAvg[i] + (1 - o.beta1) * g;
      expAvgSq[i] = o.beta2 * expAvgSq[i] + (1 - o.beta2) * g * g;
      double correction1 = 1 - std::pow(o.beta1, step);
      double correction2 = 1 - std::pow(o.beta2, step);
      double denominator = std::sqrt(expAvgSq[i]) / std::sqrt(correction2) + o.eps;
      w[i] -= o.lr / correction1 * expAvg[i] / denominator;
    }
  }
};

void expectClose(const std::vector<double> &actual,
                 const std::vector<double> &expected, const std::string &what) {
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < actual.size(); ++i)
    EXPECT_NEAR(actual[i], expected[i], 1e-12 * (1 + std::abs(expected[i])))
        << what << " element " << i;
}

/// Trains the quadratic with `optimizer` and checks every step's parameter
/// against `reference` advanced by `advance`.
template <class Advance>
void checkAgainstReference(const Optimizer &optimizer, Advance advance) {
  dsl::Module model = quadraticModel();
  Expected<Trainer> trainer = compileTrainStep(model.module(), "loss", optimizer);
  ASSERT_TRUE(trainer) << trainer.error().message();
  Tensor target = test_helpers::sampleTensor({3, 4}, DType::F64, 7);
  std::vector<double> t = target.toVector<double>();

  Reference reference;
  reference.w = trainer->parameters()[0].tensor.toVector<double>();
  reference.buffer.assign(12, 0.0);
  reference.expAvg.assign(12, 0.0);
  reference.expAvgSq.assign(12, 0.0);
  for (int step = 0; step < kSteps; ++step) {
    double expectedLoss = 0;
    for (size_t i = 0; i < t.size(); ++i)
      expectedLoss += 0.5 * (reference.w[i] - t[i]) * (reference.w[i] - t[i]);
    Expected<double> loss = trainer->step({target});
    ASSERT_TRUE(loss) << loss.error().message();
    EXPECT_NEAR(*loss, expectedLoss, 1e-12 * expectedLoss) << "step " << step;
    advance(reference, t);
    expectClose(trainer->parameters()[0].tensor.toVector<double>(), reference.w,
                describe(optimizer) + " step " + std::to_string(step));
  }
  EXPECT_EQ(trainer->stepCount(), static_cast<uint64_t>(kSteps));
}

TEST(OptimizersTest, PlainSGD) {
  SGD sgd{0.1, 0.0, 0.0, false};
  checkAgainstReference(sgd, [&](Reference &r, const auto &t) { r.sgd(sgd, t); });
}

TEST(OptimizersTest, SGDWithMomentumAndWeightDecay) {
  SGD sgd{0.05, 0.9, 0.01, false};
  checkAgainstReference(sgd, [&](Reference &r, const auto &t) { r.sgd(sgd, t); });
}

TEST(OptimizersTest, NesterovSGD) {
  SGD sgd{0.05, 0.8, 0.0, true};
  checkAgainstReference(sgd, [&](Reference &r, const auto &t) { r.sgd(sgd, t); });
}

TEST(OptimizersTest, Adam) {
  Adam adam;
  adam.lr = 0.1;
  checkAgainstReference(adam,
                        [&](Reference &r, const auto &t) { r.adam(adam, t, false); });
}

TEST(OptimizersTest, AdamWithL2WeightDecay) {
  Adam adam{0.05, 0.8, 0.99, 1e-6, 0.1};
  checkAgainstReference(adam,
                        [&](Reference &r, const auto &t) { r.adam(adam, t, false); });
}

TEST(OptimizersTest, AdamWDecouplesWeightDecay) {
  AdamW adamw{0.05, 0.9, 0.999, 1e-8, 0.1};
  checkAgainstReference(adamw,
                        [&](Reference &r, const auto &t) { r.adam(adamw, t, true); });
}

TEST(OptimizersTest, StateHasPyTorchNamesAndAStepCounter) {
  dsl::Module model = quadraticModel();
  Expected<Trainer> trainer = compileTrainStep(model.module(), "loss", Adam{});
  ASSERT_TRUE(trainer) << trainer.error().message();
  const std::vector<NamedTensor> &state = trainer->optimizerState();
  ASSERT_EQ(state.size(), 3u);
  EXPECT_EQ(state[0].name, "w.exp_avg");
  EXPECT_EQ(state[1].name, "w.exp_avg_sq");
  EXPECT_EQ(state[2].name, "step");
  EXPECT_EQ(state[2].tensor.rank(), 0);
  Tensor target = test_helpers::sampleTensor({3, 4}, DType::F64, 7);
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(trainer->step({target}));
  EXPECT_EQ(*state[2].tensor.data<double>(), 3.0);
}

TEST(OptimizersTest, BadHyperparametersAreErrors) {
  dsl::Module model = quadraticModel();
  Adam adam;
  adam.beta1 = 1.0;
  Expected<Trainer> trainer = compileTrainStep(model.module(), "loss", adam);
  ASSERT_FALSE(trainer);
  EXPECT_EQ(trainer.error().message(),
            "Adam: beta1 = 1 is invalid; expected a value in [0, 1)");
  Expected<Trainer> sgd =
      compileTrainStep(model.module(), "loss", SGD{0.1, 0.0, 0.0, true});
  ASSERT_FALSE(sgd);
  EXPECT_EQ(sgd.error().message(), "SGD: nesterov needs a momentum > 0");
}

TEST(OptimizersTest, DescribeReadsLikePyTorch) {
  EXPECT_EQ(describe(Adam{}),
            "Adam(lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0)");
  EXPECT_EQ(describe(SGD{0.1, 0.9, 0.0, true}),
            "SGD(lr=0.1, momentum=0.9, weight_decay=0, nesterov=True)");
}

TEST(TrainStepTest, UnknownEntryAndMissingLossAreErrors) {
  dsl::Module model = quadraticModel();
  Expected<Trainer> missing = compileTrainStep(model.module(), "nope", Adam{});
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message().find("no function @nope"),
            std::string::npos)
      << missing.error().message();

  dsl::Graph g(model, "no_loss");
  dsl::Tensor w = g.parameter("v", {2}, dsl::Init::zeros());
  g.returns(w * 2.0);
  Expected<Trainer> noLoss = compileTrainStep(model.module(), "no_loss", Adam{});
  ASSERT_FALSE(noLoss);
  EXPECT_NE(noLoss.error().message().find(
                "@no_loss has no loss: neither its first nor its last result "
                "is a rank-0 float tensor"),
            std::string::npos)
      << noLoss.error().message();
}

} // namespace
