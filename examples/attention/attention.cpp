//===- attention.cpp - A transformer block classifying Fashion-MNIST ------===//
//
// ATTN-FMNIST of docs/models.md: an image is a sequence of 28 tokens, its rows of
// 28 pixels. A linear embedding to 64 numbers plus a learned position
// embedding feeds one pre-LayerNorm transformer encoder block (4 heads of
// 16, a GELU feed-forward 64 -> 128 -> 64); the mean over tokens goes
// through a linear head to the 10 classes, trained with softmax
// cross-entropy and Adam (lr 1e-3). After every epoch it reports the test
// accuracy, saves a checkpoint and draws
//   predictions.png  test images framed green (right) or red (wrong) with
//                    the predicted class below, "predicted/true" when wrong,
//   confusion.png    rows: true class, columns: predicted class.
// Classes: 0 T-shirt/top, 1 Trouser, 2 Pullover, 3 Dress, 4 Coat, 5 Sandal,
// 6 Shirt, 7 Sneaker, 8 Bag, 9 Ankle boot.
//
//   loom-example-attention --epochs 3 --out attention-out
//
//===----------------------------------------------------------------------===//
#include "../common/ExampleSupport.h"

#include "loom/Data/Pictures.h"
#include "loom/Models/Models.h"

#include <fmt/format.h>

#include <algorithm>

// Module is the DSL's (symbolic values in a graph); loom::Tensor holds data
// on the host.
using loom::dsl::Module;
namespace data = loom::data;
namespace examples = loom::examples;
namespace training = loom::training;

namespace {

using loom::models::kClasses, loom::models::kImageSide;

const examples::ExampleInfo kInfo{
    "attention",
    "Trains the transformer block ATTN-FMNIST of docs/models.md to classify Fashion-MNIST.",
    3};

void run(const examples::Flags &flags) {
  examples::FashionMNIST data = examples::loadFashionMNIST(flags);
  // @forward(x: [batch, 28, 28], labels: [batch] i32) -> (logits [batch, 10],
  // cross-entropy loss)
  Module model =
      loom::models::buildModel("attn-fmnist", {.batch = examples::rankBatch(flags)}).take();
  training::Trainer trainer =
      training::compileTrainStep(model.module(), "forward", training::Adam{},
                                 examples::trainerOptions(flags))
          .take();

  data::BatchLoader trainLoader = examples::trainingBatches(flags, data.train);
  data::BatchLoader testLoader = examples::testBatches(flags, data.test);
  loom::Tensor images = trainLoader.makeImageBatch({kImageSide, kImageSide});
  loom::Tensor labels = trainLoader.makeLabelBatch();

  examples::TrainingRun run(flags, kInfo, trainer, trainLoader.batchesPerEpoch());
  for (int64_t epoch = run.firstEpoch(); epoch < flags.epochs; ++epoch) {
    run.beginEpoch(epoch);
    trainLoader.startEpoch(epoch);
    while (trainLoader.next(images, labels))
      run.step(trainer.step({images, labels}).take());
    run.endEpoch();

    // Test accuracy: the predicted class is the largest logit.
    data::ConfusionMatrix confusion(kClasses);
    std::vector<int32_t> firstPredictions;
    testLoader.startEpoch(0);
    while (int64_t rows = testLoader.next(images, labels)) {
      loom::Tensor logits = trainer.run("forward", {images, labels}).take()[0];
      // Only the first `rows` rows of a short last batch are images.
      std::vector<int32_t> predicted = data::argmaxRows(logits);
      predicted.resize(rows);
      const int32_t *truth = labels.data<int32_t>();
      confusion.add(std::vector<int32_t>(truth, truth + rows), predicted);
      if (firstPredictions.empty())
        firstPredictions = predicted;
    }
    run.report(fmt::format("epoch {} test accuracy {:.4f}", epoch + 1,
                           confusion.accuracy()));

    // The first test images (in dataset order) with their predictions.
    int64_t shown = std::min<int64_t>(48, firstPredictions.size());
    const int32_t *truth = data.test.labels.data<int32_t>();
    run.writePicture(
        "predictions.png",
        data::predictionGrid(examples::firstRows(data.test.images, shown),
                             {firstPredictions.begin(), firstPredictions.begin() + shown},
                             {truth, truth + shown}, {.columns = 8, .scale = 3})
            .take());
    run.writePicture("confusion.png", data::confusionMatrixImage(confusion));
    run.saveCheckpoint();
  }
}

} // namespace

int main(int argc, char **argv) {
  return examples::exampleMain(argc, argv, kInfo, run);
}
