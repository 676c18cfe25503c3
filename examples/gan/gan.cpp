//===- gan.cpp - A generative adversarial network on Fashion-MNIST --------===//
//
// The GAN of docs/models.md. The generator maps noise z ~ N(0, 1) of 100 numbers
// through 256 -> 512 -> 1024 -> 784 (ReLUs, a sigmoid output) to an image;
// the discriminator, two stride-2 3x3 convolutions (64 and 128 channels,
// LeakyReLU(0.2), dropout 0.3) and a linear layer, scores images with a
// logit, real or generated. One training step is two phases compiled into
// one function: the discriminator learns to tell a real batch from a
// generated one, then the generator learns to make the just-updated
// discriminator call its images real (the non-saturating loss). Both use
// Adam (lr 2e-4, betas (0.5, 0.999)).
//
// After every epoch it reports the mean D(real) on the test set and
// D(fake) on as many generated images (the discriminator's probabilities,
// without dropout), the diversity of 64 samples from fixed noise (the
// per-pixel standard deviation across them, averaged over pixels), saves a
// checkpoint and draws those samples (samples-epoch<N>.png).
//
// docs/models.md's exact model mode-collapses within the first epoch (as it does
// in PyTorch at seed 0): every noise gives nearly one image. The generator
// here adds batch normalization after its hidden layers, the standard DCGAN
// stabilizer; docs/examples.md lists what else was tried. `loomc
// --model=gan` and the benchmarks keep the plain definition.
//
//   loom-example-gan --out gan-out              (10 epochs, ~9 minutes)
//   loom-example-gan --epochs 2 --out gan-out   (docs/quality.md's figures)
//
//===----------------------------------------------------------------------===//
#include "../common/ExampleSupport.h"

#include "loom/DSL/NN.h"
#include "loom/Data/Pictures.h"
#include "loom/Models/Models.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

// Tensor, Graph, Module and nn:: are the DSL's (symbolic values in a graph);
// loom::Tensor holds data on the host.
using namespace loom::dsl;
namespace data = loom::data;
namespace examples = loom::examples;
namespace training = loom::training;

namespace {

constexpr int64_t kNoise = loom::models::kGANNoise,
                  kSide = loom::models::kImageSide, kSamples = 64;

/// docs/models.md's generator with one standard stabilizer: batch normalization
/// (batch statistics) after each hidden linear layer, as in DCGAN. Without
/// it the generator collapses to one image in the first epoch, in PyTorch
/// as here (docs/examples.md).
const loom::models::GANGeneratorOptions kStabilized{.batchNorm = true};
using loom::models::GANDiscriminator;
using loom::models::GANGenerator;

/// The functions, sharing parameters by name:
///   @discriminator_loss(x: real images [batch,1,28,28], seed) -> loss:
///       BCE of D on the real batch against 1 and on a generated batch
///       against 0, averaged over both
///   @generator_loss(seed) -> loss: BCE of D(G(z)) against 1, with the same
///       z (the same seed and random stream) as the discriminator phase
///   @generate(z: [64, 100]) -> images, for the samples
///   @discriminate(x: [batch,1,28,28]) -> D(x), a probability, no dropout
///   @discriminate_generated(seed) -> D(G(z)), no dropout
Module buildModel(int64_t batch) {
  Module module("gan");
  {
    Graph g(module, "discriminator_loss");
    Tensor real = g.input("x", {batch, 1, kSide, kSide});
    Tensor seed = g.seed("seed");
    GANGenerator generator(g, kStabilized);
    GANDiscriminator discriminator(g);
    Tensor fake = generator(g.randomNormal({batch, kNoise}, seed));
    Tensor logits = discriminator(concat({real, fake}, 0), seed, /*training=*/true);
    Tensor targets = concat({g.constant(1.0, {batch, 1}), g.constant(0.0, {batch, 1})}, 0);
    g.returns(nn::bceWithLogits(logits, targets));
  }
  {
    Graph g(module, "generator_loss");
    Tensor seed = g.seed("seed");
    GANGenerator generator(g, kStabilized);
    GANDiscriminator discriminator(g);
    Tensor fake = generator(g.randomNormal({batch, kNoise}, seed));
    Tensor logits = discriminator(fake, seed, /*training=*/true);
    g.returns(nn::bceWithLogits(logits, g.constant(1.0, {batch, 1})));
  }
  {
    Graph g(module, "generate");
    Tensor z = g.input("z", {kSamples, kNoise});
    GANGenerator generator(g, kStabilized);
    g.returns(generator(z));
  }
  {
    Graph g(module, "discriminate");
    Tensor images = g.input("x", {batch, 1, kSide, kSide});
    GANDiscriminator discriminator(g);
    g.returns(sigmoid(discriminator(images, Tensor(), /*training=*/false)));
  }
  Graph g(module, "discriminate_generated");
  Tensor seed = g.seed("seed");
  GANGenerator generator(g, kStabilized);
  GANDiscriminator discriminator(g);
  Tensor fake = generator(g.randomNormal({batch, kNoise}, seed));
  g.returns(sigmoid(discriminator(fake, Tensor(), /*training=*/false)));
  return module;
}

/// "<layer>.weight" and "<layer>.bias" of each layer: the parameters a
/// training phase updates.
std::vector<std::string> weightsAndBiases(const std::vector<std::string> &layers) {
  std::vector<std::string> names;
  for (const std::string &layer : layers) {
    names.push_back(layer + ".weight");
    names.push_back(layer + ".bias");
  }
  return names;
}

/// Ten epochs by default: after two (docs/quality.md's measurement, the same
/// first two epochs) the samples are varied but coarse; by ten they are
/// recognizable garments, shoes and bags (docs/examples.md).
const examples::ExampleInfo kInfo{
    "gan", "Trains the GAN of docs/models.md on Fashion-MNIST and draws its samples.", 10};

/// The per-pixel standard deviation across `images` [n, ...], averaged over
/// pixels: near 0 when the generator makes one image whatever the noise.
double sampleDiversity(const loom::Tensor &images) {
  int64_t count = images.shape()[0], pixels = images.numElements() / count;
  const float *values = images.data<float>();
  double total = 0;
  for (int64_t p = 0; p < pixels; ++p) {
    double sum = 0, sumSquares = 0;
    for (int64_t i = 0; i < count; ++i) {
      double v = values[i * pixels + p];
      sum += v;
      sumSquares += v * v;
    }
    double mean = sum / double(count);
    total += std::sqrt(std::max(0.0, sumSquares / double(count) - mean * mean));
  }
  return total / double(pixels);
}

void run(const examples::Flags &flags) {
  examples::FashionMNIST data = examples::loadFashionMNIST(flags);
  Module model = buildModel(examples::rankBatch(flags));
  // Phase 1 updates the discriminator's parameters, phase 2 the generator's.
  std::vector<training::TrainPhase> phases{
      {.lossEntry = "discriminator_loss",
       .parameters = weightsAndBiases({"disc.conv1", "disc.conv2", "disc.fc"}),
       .name = "disc"},
      {.lossEntry = "generator_loss",
       .parameters = weightsAndBiases({"gen.fc1", "gen.bn1", "gen.fc2", "gen.bn2",
                                       "gen.fc3", "gen.bn3", "gen.fc4"}),
       .name = "gen"}};
  training::Trainer trainer =
      training::compileTrainStep(model.module(), phases,
                                 training::Adam{.lr = 2e-4, .beta1 = 0.5},
                                 examples::trainerOptions(flags))
          .take();

  data::BatchLoader trainLoader = examples::trainingBatches(flags, data.train);
  data::BatchLoader testLoader = examples::testBatches(flags, data.test);
  loom::Tensor images = trainLoader.makeImageBatch({1, kSide, kSide});
  loom::Tensor seed = loom::Tensor::scalar<int64_t>(0);

  // Fixed noise: the samples of every epoch come from the same z.
  loom::Tensor fixedNoise = examples::fixedNormalNoise(flags, {kSamples, kNoise});

  examples::TrainingRun run(flags, kInfo, trainer, trainLoader.batchesPerEpoch());
  for (int64_t epoch = run.firstEpoch(); epoch < flags.epochs; ++epoch) {
    run.beginEpoch(epoch);
    trainLoader.startEpoch(epoch);
    double generatorLoss = 0;
    int64_t steps = 0;
    while (trainLoader.next(images)) {
      *seed.data<int64_t>() = examples::stepSeed(flags, trainer.stepCount());
      std::vector<double> losses = trainer.stepPhases({images, seed}).take();
      generatorLoss += losses[1];
      ++steps;
      run.step(losses);
    }
    double discriminatorLoss = run.endEpoch();

    // How the discriminator sees real test images and generated ones.
    double realScore = 0, fakeScore = 0;
    int64_t batches = 0;
    testLoader.startEpoch(0);
    while (int64_t rows = testLoader.next(images)) {
      loom::Tensor real = trainer.run("discriminate", {images}).take()[0];
      *seed.data<int64_t>() = examples::evaluationSeed(flags) + batches++;
      loom::Tensor fake = trainer.run("discriminate_generated", {seed}).take()[0];
      for (int64_t i = 0; i < rows; ++i) {
        realScore += real.data<float>()[i];
        fakeScore += fake.data<float>()[i];
      }
    }
    loom::Tensor samples = trainer.run("generate", {fixedNoise}).take()[0];
    run.report(fmt::format(
        "epoch {} loss D {:.3f} G {:.3f}, test D(real) {:.3f} D(fake) {:.3f}, "
        "sample diversity {:.3f}",
        epoch + 1, discriminatorLoss, generatorLoss / double(steps),
        realScore / double(data.test.size()), fakeScore / double(data.test.size()),
        sampleDiversity(samples)));
    run.writePicture(fmt::format("samples-epoch{}.png", epoch + 1),
                     data::imageGrid(samples, {.columns = 8, .scale = 3}).take());
    run.saveCheckpoint();
  }
}

} // namespace

int main(int argc, char **argv) {
  return examples::exampleMain(argc, argv, kInfo, run);
}
