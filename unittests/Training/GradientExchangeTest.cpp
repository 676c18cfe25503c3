//===- GradientExchangeTest.cpp - The data-parallel step, on one process ---===//
//
// What the train-step builder puts between the backward part and the update
// of a data-parallel step (TrainStepOptions::exchange, ::transform), and
// that in the world of one process (handle 0) the exchanged step computes
// exactly what the plain step does. The exchange across ranks is tested
// under mpirun in test/Distributed.
//
//===----------------------------------------------------------------------===//
#include "loom/Dialect/Loom/IR/LoomOps.h"
#include "loom/ModelTraining/ModelTraining.h"
#include "loom/Models/Models.h"
#include "loom/Training/Trainer.h"

#include "TrainingTestHelpers.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <gtest/gtest.h>

using namespace loom;
using namespace loom::training;

namespace {

size_t bytesOf(mlir::Value value) {
  auto type = mlir::cast<mlir::RankedTensorType>(value.getType());
  return type.getNumElements() * type.getElementTypeBitWidth() / 8;
}

/// The all-reduces of the `train_step` in `module`, in program order.
std::vector<AllReduceOp> exchanges(mlir::ModuleOp module) {
  std::vector<AllReduceOp> found;
  module.lookupSymbol<mlir::func::FuncOp>("train_step").walk(
      [&](AllReduceOp op) { found.push_back(op); });
  return found;
}

Expected<dsl::Module> ae() {
  models::ModelOptions options;
  options.batch = 4;
  return models::buildModel("ae", options);
}

// Buckets hold at most bucketBytes (a larger gradient is one of its own),
// keep the loss and the gradients in order, average them (mean) on the
// step's last input, the communicator, and feed the update.
TEST(GradientExchangeTest, GradientsGoInBucketsOfTheLimitInOrder) {
  Expected<dsl::Module> model = ae();
  ASSERT_TRUE(model) << model.error().message();
  TrainStepOptions options;
  options.exchange = GradientExchange{.bucketBytes = 1 << 20};
  TrainStepLayout layout;
  auto step = buildTrainStepModule(model->module(), {{"forward", {}, ""}}, SGD{},
                                   &layout, options);
  ASSERT_TRUE(step) << step.error().message();
  EXPECT_TRUE(layout.exchangesGradients);
  ASSERT_FALSE(layout.inputs.empty());
  EXPECT_EQ(layout.inputs.back(), kCommunicatorInput);

  auto function = (*step)->lookupSymbol<mlir::func::FuncOp>("train_step");
  mlir::Value communicator = function.getArguments().back();
  std::vector<AllReduceOp> buckets = exchanges(**step);
  ASSERT_GT(buckets.size(), 1u);
  size_t operands = 0;
  for (AllReduceOp bucket : buckets) {
    EXPECT_EQ(bucket.getKind(), CollectiveReduction::mean);
    EXPECT_EQ(bucket.getComm(), communicator);
    size_t bytes = 0;
    for (mlir::Value input : bucket.getInputs())
      bytes += bytesOf(input);
    if (bucket.getInputs().size() > 1)
      EXPECT_LE(bytes, options.exchange->bucketBytes);
    operands += bucket.getInputs().size();
  }
  // The loss and one gradient per parameter, each exchanged once; the
  // loss result of the step is the exchanged loss.
  EXPECT_EQ(operands, 1 + layout.parameters.size());
  auto ret = mlir::cast<mlir::func::ReturnOp>(function.front().getTerminator());
  EXPECT_EQ(ret.getOperand(0), buckets.front().getResult(0));
  // The 784x512 weight (1.5 MiB) is over the limit: a bucket of its own.
  bool alone = false;
  for (AllReduceOp bucket : buckets)
    alone |= bucket.getInputs().size() == 1 && bytesOf(bucket.getInputs()[0]) > (1u << 20);
  EXPECT_TRUE(alone);

  // PyTorch's 25 MiB default: the whole AE (4.3 MiB of f32) is one bucket.
  options.exchange = GradientExchange{};
  auto one = buildTrainStepModule(model->module(), {{"forward", {}, ""}}, SGD{},
                                  nullptr, options);
  ASSERT_TRUE(one) << one.error().message();
  EXPECT_EQ(exchanges(**one).size(), 1u);
}

// Each GAN phase exchanges its own loss and gradients.
TEST(GradientExchangeTest, EveryPhaseExchangesItsGradients) {
  models::ModelOptions modelOptions;
  modelOptions.batch = 4;
  Expected<ModelTraining> gan = buildModelTraining("gan", modelOptions);
  ASSERT_TRUE(gan) << gan.error().message();
  TrainStepOptions options;
  options.exchange = GradientExchange{};
  auto step = buildTrainStepModule(gan->module.module(), gan->phases,
                                   gan->optimizer, nullptr, options);
  ASSERT_TRUE(step) << step.error().message();
  EXPECT_EQ(exchanges(**step).size(), gan->phases.size());
}

TEST(GradientExchangeTest, TheTransformSeesAndReplacesLossAndGradients) {
  Expected<dsl::Module> model = ae();
  ASSERT_TRUE(model) << model.error().message();
  TrainStepOptions options;
  options.exchange = GradientExchange{};
  size_t seen = 0;
  bool afterExchange = false;
  options.transform = [&](mlir::OpBuilder &, mlir::Location,
                          mlir::ValueRange values) {
    seen = values.size();
    afterExchange = values.front().getDefiningOp<AllReduceOp>() != nullptr;
    return llvm::SmallVector<mlir::Value>(values);
  };
  TrainStepLayout layout;
  auto step = buildTrainStepModule(model->module(), {{"forward", {}, ""}}, SGD{},
                                   &layout, options);
  ASSERT_TRUE(step) << step.error().message();
  EXPECT_EQ(seen, 1 + layout.parameters.size());
  EXPECT_TRUE(afterExchange);

  // A transform that drops a value is an error, not a broken step.
  options.transform = [](mlir::OpBuilder &, mlir::Location, mlir::ValueRange values) {
    return llvm::SmallVector<mlir::Value>(values.drop_back());
  };
  auto broken = buildTrainStepModule(model->module(), {{"forward", {}, ""}}, SGD{},
                                     nullptr, options);
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.error().message().find("gradient transform"), std::string::npos)
      << broken.error().message();
}

// In the world of one process a mean over the ranks is the value itself:
// the exchanged step and the plain one give the same bits.
TEST(GradientExchangeTest, WorldOfOneTrainsExactlyAsOneProcess) {
  Expected<dsl::Module> model = ae();
  ASSERT_TRUE(model) << model.error().message();
  TrainerOptions exchanged;
  exchanged.communicator = singleProcess();
  Expected<Trainer> plain = compileTrainStep(model->module(), "forward", Adam{});
  Expected<Trainer> single =
      compileTrainStep(model->module(), "forward", Adam{}, exchanged);
  ASSERT_TRUE(plain) << plain.error().message();
  ASSERT_TRUE(single) << single.error().message();
  EXPECT_EQ(single->batchInputs().size(), plain->batchInputs().size());
  for (uint64_t step = 0; step < 3; ++step) {
    Tensor images = test_helpers::sampleTensor({4, 784}, DType::F32, step);
    Expected<double> a = plain->step({images});
    Expected<double> b = single->step({images});
    ASSERT_TRUE(a && b);
    EXPECT_EQ(*a, *b);
  }
  for (size_t i = 0; i < plain->parameters().size(); ++i)
    EXPECT_EQ(plain->parameters()[i].tensor.toVector<float>(),
              single->parameters()[i].tensor.toVector<float>())
        << plain->parameters()[i].name;
}

} // namespace
