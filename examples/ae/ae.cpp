//===- ae.cpp - An autoencoder trained on Fashion-MNIST -------------------===//
//
// The AE of docs/models.md: 784 -> 512 -> 128 -> 32 -> 128 -> 512 -> 784 with
// ReLUs and a sigmoid output, trained with Adam (lr 1e-3) to reproduce its
// input under the mean squared error. After every epoch it reports the test
// MSE, saves a checkpoint and draws test images beside their reconstructions
// (reconstructions.png).
//
//   loom-example-ae --epochs 5 --out ae-out
//
//===----------------------------------------------------------------------===//
#include "../common/ExampleSupport.h"

#include "loom/Data/Pictures.h"
#include "loom/Models/Models.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

// Module is the DSL's (symbolic values in a graph); loom::Tensor holds data
// on the host.
using loom::dsl::Module;
namespace data = loom::data;
namespace examples = loom::examples;
namespace training = loom::training;

namespace {

using loom::models::kPixels;

const examples::ExampleInfo kInfo{
    "ae", "Trains the autoencoder of docs/models.md on Fashion-MNIST.", 5};

void run(const examples::Flags &flags) {
  examples::FashionMNIST data = examples::loadFashionMNIST(flags);
  // @forward(x: [batch, 784]) -> (reconstruction, mean squared error): the
  // function the training step differentiates and the one evaluation runs.
  Module model = loom::models::buildModel("ae", {.batch = examples::rankBatch(flags)}).take();
  training::Trainer trainer =
      training::compileTrainStep(model.module(), "forward", training::Adam{},
                                 examples::trainerOptions(flags))
          .take();

  data::BatchLoader trainLoader = examples::trainingBatches(flags, data.train);
  data::BatchLoader testLoader = examples::testBatches(flags, data.test);
  loom::Tensor images = trainLoader.makeImageBatch();

  examples::TrainingRun run(flags, kInfo, trainer, trainLoader.batchesPerEpoch());
  for (int64_t epoch = run.firstEpoch(); epoch < flags.epochs; ++epoch) {
    run.beginEpoch(epoch);
    trainLoader.startEpoch(epoch);
    while (trainLoader.next(images))
      run.step(trainer.step({images}).take());
    run.endEpoch();

    // Test MSE over the real rows of every batch (a short last batch is
    // padded with zeros).
    double squaredError = 0;
    std::optional<loom::Tensor> firstReconstructions;
    testLoader.startEpoch(0);
    while (int64_t rows = testLoader.next(images)) {
      loom::Tensor output = trainer.run("forward", {images}).take()[0];
      const float *input = images.data<float>(), *result = output.data<float>();
      for (int64_t i = 0; i < rows * kPixels; ++i)
        squaredError += (result[i] - input[i]) * double(result[i] - input[i]);
      if (!firstReconstructions)
        firstReconstructions = output;
    }
    run.report(fmt::format("epoch {} test mse {:.5f}", epoch + 1,
                           squaredError / double(data.test.size() * kPixels)));

    // The first test images (the loader's first batch, in dataset order)
    // beside their reconstructions.
    int64_t shown = std::min<int64_t>({32, examples::rankBatch(flags), data.test.size()});
    run.writePicture(
        "reconstructions.png",
        data::pairGrid(examples::firstRows(data.test.images, shown),
                       examples::firstRows(*firstReconstructions, shown),
                       {.columns = 4, .scale = 3})
            .take());
    run.saveCheckpoint();
  }
}

} // namespace

int main(int argc, char **argv) {
  return examples::exampleMain(argc, argv, kInfo, run);
}
