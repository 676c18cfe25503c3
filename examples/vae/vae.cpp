//===- vae.cpp - A variational autoencoder trained on Fashion-MNIST -------===//
//
// The VAE of docs/models.md: an encoder 784 -> 400 -> (mu, logvar) in a 20-number
// latent space, a sample z = mu + exp(logvar / 2) * eps drawn inside the
// graph, and a decoder 20 -> 400 -> 784 pixel logits. It minimizes the
// negative ELBO, (sum of per-pixel binary cross-entropy + KL) per image, with
// Adam (lr 1e-3). After every epoch it reports the test negative ELBO per
// image in nats, saves a checkpoint and draws
//   reconstructions.png  test images beside their reconstructions,
//   samples.png          decodings of z ~ N(0, 1) (fixed across epochs),
//   interpolation.png    each row: a test image, the decodings of 8 points on
//                        the line between its code and another image's code,
//                        and that other image.
//
//   loom-example-vae --epochs 5 --out vae-out
//
//===----------------------------------------------------------------------===//
#include "../common/ExampleSupport.h"

#include "loom/Data/Pictures.h"
#include "loom/Models/Models.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <optional>

// Tensor, Graph, Module and nn:: are the DSL's (symbolic values in a graph);
// loom::Tensor holds data on the host.
using namespace loom::dsl;
namespace data = loom::data;
namespace examples = loom::examples;
namespace training = loom::training;

namespace {

using loom::models::kPixels;
constexpr int64_t kLatent = loom::models::kVAELatent;
/// Pictures: 64 samples; 8 interpolation rows between 16 test images.
constexpr int64_t kSamples = 64, kPairs = 8, kPathSteps = 8;

/// docs/models.md's VAE and two more functions sharing its parameters (by
/// name):
///   @forward(x: [batch, 784], seed) -> (reconstruction, negative ELBO per
///       image [batch], its mean over the batch: the loss)
///   @encode(x: [16, 784]) -> mu [16, 20]
///   @decode(z: [64, 20]) -> images [64, 784]
Module buildModel(int64_t batch) {
  Module module = loom::models::buildModel("vae", {.batch = batch}).take();
  {
    Graph g(module, "encode");
    Tensor x = g.input("x", {2 * kPairs, kPixels});
    g.returns(loom::models::VAEEncoder(g)(x).first);
  }
  Graph g(module, "decode");
  Tensor z = g.input("z", {kSamples, kLatent});
  g.returns(sigmoid(loom::models::VAEDecoder(g)(z)));
  return module;
}

const examples::ExampleInfo kInfo{
    "vae", "Trains the variational autoencoder of docs/models.md on Fashion-MNIST.", 5};

/// Each row: image a, the decodings of kPathSteps points from code(a) to
/// code(b), image b.
loom::Tensor interpolationRows(const training::Trainer &trainer,
                               const loom::Tensor &testImages) {
  loom::Tensor images = examples::firstRows(testImages, 2 * kPairs);
  loom::Tensor mu = trainer.run("encode", {images}).take()[0];
  loom::Tensor path = loom::Tensor::zeros({kSamples, kLatent});
  const float *codes = mu.data<float>();
  float *points = path.data<float>();
  for (int64_t row = 0; row < kPairs; ++row)
    for (int64_t step = 0; step < kPathSteps; ++step) {
      float t = float(step) / float(kPathSteps - 1);
      for (int64_t k = 0; k < kLatent; ++k)
        points[(row * kPathSteps + step) * kLatent + k] =
            (1 - t) * codes[2 * row * kLatent + k] + t * codes[(2 * row + 1) * kLatent + k];
    }
  loom::Tensor decoded = trainer.run("decode", {path}).take()[0];

  loom::Tensor rows = loom::Tensor::zeros({kPairs * (kPathSteps + 2), kPixels});
  auto copyImage = [&](int64_t to, const float *from) {
    std::memcpy(rows.data<float>() + to * kPixels, from, kPixels * sizeof(float));
  };
  for (int64_t row = 0; row < kPairs; ++row) {
    int64_t first = row * (kPathSteps + 2);
    copyImage(first, images.data<float>() + 2 * row * kPixels);
    for (int64_t step = 0; step < kPathSteps; ++step)
      copyImage(first + 1 + step,
                decoded.data<float>() + (row * kPathSteps + step) * kPixels);
    copyImage(first + kPathSteps + 1, images.data<float>() + (2 * row + 1) * kPixels);
  }
  return rows;
}

void run(const examples::Flags &flags) {
  examples::FashionMNIST data = examples::loadFashionMNIST(flags);
  if (data.test.size() < 2 * kPairs)
    throw loom::Error(loom::ErrorKind::InvalidArgument, fmt::format("the interpolation picture needs {} test "
                                  "images; raise --limit",
                                  2 * kPairs));
  Module model = buildModel(examples::rankBatch(flags));
  training::Trainer trainer =
      training::compileTrainStep(model.module(), "forward", training::Adam{},
                                 examples::trainerOptions(flags))
          .take();

  data::BatchLoader trainLoader = examples::trainingBatches(flags, data.train);
  data::BatchLoader testLoader = examples::testBatches(flags, data.test);
  loom::Tensor images = trainLoader.makeImageBatch();
  loom::Tensor seed = loom::Tensor::scalar<int64_t>(0);

  // Fixed points of the prior for samples.png, the same after every epoch.
  loom::Tensor priorSamples = examples::fixedNormalNoise(flags, {kSamples, kLatent});

  examples::TrainingRun run(flags, kInfo, trainer, trainLoader.batchesPerEpoch());
  for (int64_t epoch = run.firstEpoch(); epoch < flags.epochs; ++epoch) {
    run.beginEpoch(epoch);
    trainLoader.startEpoch(epoch);
    while (trainLoader.next(images)) {
      // A new eps for every step.
      *seed.data<int64_t>() = examples::stepSeed(flags, trainer.stepCount());
      run.step(trainer.step({images, seed}).take());
    }
    run.endEpoch();

    // Test negative ELBO per image, with eps from one fixed seed so that
    // epochs compare.
    *seed.data<int64_t>() = examples::evaluationSeed(flags);
    double negativeElbo = 0;
    std::optional<loom::Tensor> firstReconstructions;
    testLoader.startEpoch(0);
    while (int64_t rows = testLoader.next(images)) {
      std::vector<loom::Tensor> outputs = trainer.run("forward", {images, seed}).take();
      const float *perImage = outputs[1].data<float>();
      for (int64_t i = 0; i < rows; ++i)
        negativeElbo += perImage[i];
      if (!firstReconstructions)
        firstReconstructions = outputs[0];
    }
    run.report(fmt::format("epoch {} test -elbo {:.2f} nats per image", epoch + 1,
                           negativeElbo / double(data.test.size())));

    int64_t shown = std::min<int64_t>({32, examples::rankBatch(flags), data.test.size()});
    run.writePicture(
        "reconstructions.png",
        data::pairGrid(examples::firstRows(data.test.images, shown),
                       examples::firstRows(*firstReconstructions, shown),
                       {.columns = 4, .scale = 3})
            .take());
    loom::Tensor samples = trainer.run("decode", {priorSamples}).take()[0];
    run.writePicture("samples.png",
                     data::imageGrid(samples, {.columns = 8, .scale = 3}).take());
    run.writePicture("interpolation.png",
                     data::imageGrid(interpolationRows(trainer, data.test.images),
                                     {.columns = kPathSteps + 2, .scale = 3})
                         .take());
    run.saveCheckpoint();
  }
}

} // namespace

int main(int argc, char **argv) {
  return examples::exampleMain(argc, argv, kInfo, run);
}
