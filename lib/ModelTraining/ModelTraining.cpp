//===- ModelTraining.cpp - Loss functions and optimizers of the models ----===//
#include "loom/ModelTraining/ModelTraining.h"

#include "loom/DSL/NN.h"
#include "loom/Dialect/Loom/IR/LoomABI.h"

namespace loom::training {
namespace {

using dsl::Graph;
using dsl::Tensor;

constexpr int64_t kNoiseSize = 100;

/// The discriminator on real and generated images in one batch.
void buildDiscriminatorLoss(dsl::Module &module, int64_t batch) {
  Graph g(module, "discriminator_loss");
  Tensor real = g.input("x", {batch, 1, 28, 28});
  Tensor seed = g.seed("seed");
  Tensor fake = models::ganGenerator(g, g.randomNormal({batch, kNoiseSize}, seed));
  Tensor images = dsl::concat({real, fake}, 0);
  Tensor targets = dsl::concat(
      {g.constant(1.0, {batch, 1}), g.constant(0.0, {batch, 1})}, 0);
  Tensor logits = models::ganDiscriminator(g, images, seed, /*training=*/true);
  g.returns(dsl::nn::bceWithLogits(logits, targets));
}

/// The non-saturating generator loss: generated images labelled real.
void buildGeneratorLoss(dsl::Module &module, int64_t batch) {
  Graph g(module, "generator_loss");
  Tensor seed = g.seed("seed");
  Tensor fake = models::ganGenerator(g, g.randomNormal({batch, kNoiseSize}, seed));
  Tensor logits = models::ganDiscriminator(g, fake, seed, /*training=*/true);
  g.returns(dsl::nn::bceWithLogits(logits, g.constant(1.0, {batch, 1})));
}

std::vector<std::string> parametersWithPrefix(mlir::func::FuncOp func,
                                              llvm::StringRef prefix) {
  std::vector<std::string> names;
  for (unsigned i = 0; i < func.getNumArguments(); ++i)
    if (mlir::StringAttr name = abi::getParameterName(func, i))
      if (name.getValue().starts_with(prefix))
        names.push_back(name.getValue().str());
  return names;
}

} // namespace

Expected<ModelTraining> buildModelTraining(std::string_view name,
                                           const models::ModelOptions &options) {
  Expected<dsl::Module> model = models::buildModel(name, options);
  if (!model)
    return model.error();
  if (name != "gan")
    return ModelTraining{std::move(*model), {TrainPhase{"forward", {}, ""}},
                         Adam{}};

  int64_t batch = options.batch.value_or(64);
  try {
    buildDiscriminatorLoss(*model, batch);
    buildGeneratorLoss(*model, batch);
    model->verify();
  } catch (const Error &error) {
    return error;
  }
  std::vector<TrainPhase> phases{
      {"discriminator_loss",
       parametersWithPrefix(model->lookup("discriminator_loss"), "disc."),
       "disc"},
      {"generator_loss",
       parametersWithPrefix(model->lookup("generator_loss"), "gen."), "gen"}};
  Adam adam;
  adam.lr = 2e-4;
  adam.beta1 = 0.5;
  return ModelTraining{std::move(*model), std::move(phases), adam};
}

} // namespace loom::training
