//===- embed.cpp - Build, train, save and run a model with Loom -----------===//
//
// The program docs/embedding.md explains line by line: a two-layer classifier
// of points in the plane (the class is whether x*y > 0, which no linear model
// separates), built with the DSL, its training step JIT-compiled, trained with
// Adam, saved as a checkpoint, then compiled again for inference alone with
// the weights read back from the checkpoint.
//
//   embed [CHECKPOINT]      (default embed.ckpt)
//
// It exits with 1 when anything fails, when the trained model classifies
// fewer than 90% of fresh points correctly, or when the inference from the
// checkpoint differs from the trainer's own.
//
//===----------------------------------------------------------------------===//
#include "loom/Compiler/MLIRCompile.h"
#include "loom/DSL/NN.h"
#include "loom/Training/Trainer.h"

#include <cstdint>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

namespace dsl = loom::dsl;
namespace training = loom::training;

constexpr int64_t kBatch = 64;
constexpr int64_t kHidden = 16;

// The layers of both functions. Parameters are shared by name: "fc1.weight"
// of @loss is "fc1.weight" of @predict.
dsl::Tensor logits(dsl::Graph &graph, const dsl::Tensor &points) {
  dsl::nn::Linear fc1(graph, "fc1", 2, kHidden);
  dsl::nn::Linear fc2(graph, "fc2", kHidden, 2);
  return fc2(dsl::tanh(fc1(points)));
}

dsl::Module buildModel() {
  dsl::Module module("embed");
  {
    // @loss(points, labels, params...) -> mean cross-entropy: what training
    // differentiates.
    dsl::Graph graph(module, "loss");
    dsl::Tensor points = graph.input("points", {kBatch, 2});
    dsl::Tensor labels = graph.input("labels", {kBatch}, loom::DType::I32);
    graph.returns(dsl::nn::softmaxCrossEntropy(logits(graph, points), labels));
  }
  {
    // @predict(points, params...) -> logits: what inference runs.
    dsl::Graph graph(module, "predict");
    dsl::Tensor points = graph.input("points", {kBatch, 2});
    graph.returns(logits(graph, points));
  }
  return module;
}

// A batch of points uniform in [-1, 1]^2 with their classes, from a small
// linear congruential generator (the same batches on every machine).
struct Batch {
  loom::Tensor points = loom::Tensor::zeros({kBatch, 2}, loom::DType::F32);
  loom::Tensor labels = loom::Tensor::zeros({kBatch}, loom::DType::I32);
};

Batch makeBatch(uint64_t &state) {
  auto uniform = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<float>(state >> 40) / static_cast<float>(1 << 24) * 2 - 1;
  };
  Batch batch;
  float *points = batch.points.data<float>();
  int32_t *labels = batch.labels.data<int32_t>();
  for (int64_t i = 0; i < kBatch; ++i) {
    points[2 * i] = uniform();
    points[2 * i + 1] = uniform();
    labels[i] = points[2 * i] * points[2 * i + 1] > 0 ? 1 : 0;
  }
  return batch;
}

// The share of `batch` whose larger logit is its label.
double accuracy(const loom::Tensor &logits, const Batch &batch) {
  const float *values = logits.data<float>();
  const int32_t *labels = batch.labels.data<int32_t>();
  int64_t correct = 0;
  for (int64_t i = 0; i < kBatch; ++i)
    correct += (values[2 * i + 1] > values[2 * i] ? 1 : 0) == labels[i];
  return static_cast<double>(correct) / kBatch;
}

int fail(const loom::Error &error) {
  std::cerr << "embed: " << error.message() << "\n";
  return 1;
}

int main(int argc, char **argv) {
  std::string checkpoint = argc > 1 ? argv[1] : "embed.ckpt";
  dsl::Module model = buildModel();

  // Train: the step of @loss with Adam, compiled once; the trainer owns the
  // parameters (from their initializers, seed 1) and Adam's moments.
  training::TrainerOptions options;
  options.seed = 1;
  loom::Expected<training::Trainer> trainer = training::compileTrainStep(
      model.module(), "loss", training::Adam{.lr = 0.02}, options);
  if (!trainer)
    return fail(trainer.error());
  uint64_t dataState = 7;
  for (int step = 1; step <= 300; ++step) {
    Batch batch = makeBatch(dataState);
    loom::Expected<double> loss = trainer->step({batch.points, batch.labels});
    if (!loss)
      return fail(loss.error());
    if (step == 1 || step % 100 == 0)
      std::cout << "step " << step << " loss " << *loss << "\n";
  }
  if (loom::Expected<void> saved = trainer->save(checkpoint); !saved)
    return fail(saved.error());
  std::cout << "saved " << checkpoint << "\n";

  // Infer: compile the model alone and give @predict the checkpoint's
  // parameters, each argument in the order of its signature.
  loom::Expected<loom::Executable> inference = loom::compileModule(model.module());
  if (!inference)
    return fail(inference.error());
  loom::Expected<std::vector<training::NamedTensor>> saved =
      training::readCheckpointParameters(checkpoint);
  if (!saved)
    return fail(saved.error());
  Batch test = makeBatch(dataState);
  std::vector<loom::Tensor> arguments;
  for (const loom::ArgumentInfo &argument : inference->signature("predict")->arguments) {
    if (argument.kind == loom::ArgumentKind::Input) {
      arguments.push_back(test.points);
      continue;
    }
    for (const training::NamedTensor &parameter : *saved)
      if (parameter.name == argument.name)
        arguments.push_back(parameter.tensor);
  }
  loom::Expected<std::vector<loom::Tensor>> fromCheckpoint =
      inference->run("predict", arguments);
  if (!fromCheckpoint)
    return fail(fromCheckpoint.error());

  // The trainer runs @predict with its own, current parameters: the same bits.
  loom::Expected<std::vector<loom::Tensor>> fromTrainer =
      trainer->run("predict", {test.points});
  if (!fromTrainer)
    return fail(fromTrainer.error());
  const loom::Tensor &a = (*fromCheckpoint)[0], &b = (*fromTrainer)[0];
  bool same = std::memcmp(a.data<float>(), b.data<float>(),
                          a.numElements() * sizeof(float)) == 0;
  double correct = accuracy(a, test);
  std::cout << "accuracy on new points " << correct << "\n"
            << "inference from the checkpoint "
            << (same ? "matches" : "DIFFERS FROM") << " the trainer's\n";
  return correct >= 0.9 && same ? 0 : 1;
}
