//===- loom-dp-check.cpp - Data-parallel training against one process ----===//
//
// Run under `mpirun -np W`: every rank trains a reference model with SGD for
// --steps steps on its 1/W share of each global batch of Fashion-MNIST,
// exchanging gradients inside the compiled step. Rank 0 then trains the same
// model in this process alone on the whole batches, with no exchange, and
// compares the parameters the two runs end with:
//
//   mpirun -np 2 loom-dp-check --model ae --batch 16 --steps 3 \
//       --data DIR --train-images 64 [--lr 0.05] [--save FILE] [--no-exchange]
//
// Both runs compute the same mean gradient of the same batch from the same
// initial parameters; they differ only in how the batch sum is grouped (W
// partial means, then their mean; kernels compiled for B/W rows block their
// sums differently). Reordering a float sum of n terms moves it by at most
// n * u * sum(|terms|), u = 2^-24, so with K the most terms any gradient
// element sums (the global batch times the longest contraction), each
// gradient element of the two runs differs by at most 2 K u |g| when its
// terms do not cancel. An SGD step moves a parameter by lr * g, so after the
// N steps a parameter differs by at most
//
//   tolerance = 2 K u * sum over steps k of max |update_k|
//
// with update_k the one-process run's step-k change of any parameter. The
// first-order growth of early differences through later steps is
// neglected: lr * N stays far below 1 over the steps checked. Typical reordering errors are sqrt(K) u, far
// inside this bound; a missing or wrong exchange (--no-exchange: every rank
// steps on its own share alone) is far outside it.
//
// SGD, not Adam: Adam divides by the root of the second moment, so a
// gradient element near zero whose sign the summation order flips moves by
// a full lr either way; SGD moves every parameter by lr * g, which the bound
// follows.
//
// --save writes the data-parallel run's final state as a checkpoint (rank 0
// writes it): two runs of one job give identical files. Exit status 0 when
// every parameter is within the tolerance, 1 when one is not or on error;
// an error on any rank ends the whole job.
//
//===----------------------------------------------------------------------===//
#include "loom/Data/BatchLoader.h"
#include "loom/Data/FashionMNIST.h"
#include "loom/Models/Models.h"
#include "loom/Runtime/Communicator.h"
#include "loom/Training/Trainer.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace cl = llvm::cl;

static cl::opt<std::string> modelName("model", cl::desc("ae or attn-fmnist"),
                                      cl::init("ae"));
static cl::opt<int64_t> globalBatch("batch", cl::desc("Images per step over all ranks"),
                                    cl::init(16));
static cl::opt<int64_t> steps("steps", cl::desc("SGD steps"), cl::init(3));
static cl::opt<double> learningRate("lr", cl::desc("SGD learning rate"),
                                    cl::init(0.05));
static cl::opt<std::string> dataDir("data", cl::desc("Fashion-MNIST directory"),
                                    cl::init(loom::data::kFashionMNISTDirectory));
static cl::opt<int64_t> trainImages("train-images",
                                    cl::desc("Use only the first N training images"),
                                    cl::init(256));
static cl::opt<std::string> saveFile("save",
                                     cl::desc("Write the data-parallel run's final state here"));
static cl::opt<bool> noExchange(
    "no-exchange",
    cl::desc("Each rank steps on its own share alone (the check must then fail)"));

namespace {

constexpr double kUnitRoundoff = 0x1p-24;

/// A finished run: the trainer and the sum over its steps of the largest
/// change of any parameter.
struct Run {
  loom::training::Trainer trainer;
  double summedLargestUpdates = 0;
};

std::vector<loom::Tensor> copyParameters(const loom::training::Trainer &trainer) {
  std::vector<loom::Tensor> copies;
  for (const loom::training::NamedTensor &parameter : trainer.parameters())
    copies.push_back(parameter.tensor.clone());
  return copies;
}

double largestChange(const std::vector<loom::Tensor> &before,
                     const loom::training::Trainer &trainer) {
  double largest = 0;
  for (size_t p = 0; p < before.size(); ++p) {
    const float *old = before[p].data<float>();
    const float *now = trainer.parameters()[p].tensor.data<float>();
    for (int64_t i = 0; i < before[p].numElements(); ++i)
      largest = std::max(largest, std::abs(double(now[i]) - old[i]));
  }
  return largest;
}

/// Trains the model (built for `rows` images a step) with SGD for --steps
/// steps on `shard` of `shards` of every global batch.
Run train(const loom::data::Dataset &images, int64_t rows, int64_t shard,
          int64_t shards, std::shared_ptr<loom::Communicator> ranks) {
  loom::dsl::Module model = loom::models::buildModel(modelName, {.batch = rows}).take();
  loom::training::TrainerOptions options;
  options.communicator = std::move(ranks);
  Run run{loom::training::compileTrainStep(model.module(), "forward",
                                           loom::training::SGD{.lr = learningRate},
                                           options)
              .take()};
  loom::data::BatchLoader loader(images, {.batchSize = globalBatch,
                                          .dropLast = true,
                                          .seed = 0,
                                          .shard = shard,
                                          .shards = shards});
  if (loader.batchesPerEpoch() == 0)
    throw loom::Error(loom::ErrorKind::InvalidArgument,
                      fmt::format("{} images make no batch of {}", images.size(),
                                  globalBatch.getValue()));
  // The inputs are the images and, for attn-fmnist, the labels.
  std::vector<loom::ArgumentInfo> inputs = run.trainer.batchInputs();
  std::vector<int64_t> rowShape(inputs[0].type.shape.begin() + 1,
                                inputs[0].type.shape.end());
  loom::Tensor batch = loader.makeImageBatch(rowShape);
  loom::Tensor labels = loader.makeLabelBatch();
  for (int64_t step = 0; step < steps; ++step) {
    if (step % loader.batchesPerEpoch() == 0)
      loader.startEpoch(step / loader.batchesPerEpoch());
    std::vector<loom::Tensor> before = copyParameters(run.trainer);
    if (inputs.size() == 2) {
      loader.next(batch, labels);
      run.trainer.step({batch, labels}).take();
    } else {
      loader.next(batch);
      run.trainer.step({batch}).take();
    }
    run.summedLargestUpdates += largestChange(before, run.trainer);
  }
  return run;
}

/// The largest number of terms one gradient element sums: the global batch
/// times the longest dimension any parameter has (a contraction over its
/// input features, or over the positions of a sequence).
int64_t termsPerGradient(const loom::training::Trainer &trainer) {
  int64_t longest = 1;
  for (const loom::training::NamedTensor &parameter : trainer.parameters())
    for (int64_t dim : parameter.tensor.shape())
      longest = std::max(longest, dim);
  return globalBatch * longest;
}

int compare(const Run &dataParallel, const Run &whole, int ranks) {
  int64_t terms = termsPerGradient(whole.trainer);
  double tolerance = 2 * terms * kUnitRoundoff * whole.summedLargestUpdates;
  double worst = 0;
  std::string worstName = "-";
  const auto &expected = whole.trainer.parameters();
  const auto &actual = dataParallel.trainer.parameters();
  for (size_t p = 0; p < expected.size(); ++p) {
    const float *want = expected[p].tensor.data<float>();
    const float *got = actual[p].tensor.data<float>();
    for (int64_t i = 0; i < expected[p].tensor.numElements(); ++i) {
      double difference = std::abs(double(got[i]) - want[i]);
      if (!(difference <= worst)) {
        worst = std::isnan(difference) ? std::numeric_limits<double>::infinity()
                                       : difference;
        worstName = fmt::format("{}[{}]", expected[p].name, i);
      }
    }
  }
  bool equal = worst <= tolerance;
  std::printf("%s: %d ranks vs 1 process, %lld SGD steps of lr %g, global batch %lld\n",
              modelName.c_str(), ranks, static_cast<long long>(steps.getValue()),
              learningRate.getValue(), static_cast<long long>(globalBatch.getValue()));
  std::printf("summed largest updates %.3e, K = %lld terms per gradient\n",
              whole.summedLargestUpdates, static_cast<long long>(terms));
  std::printf("largest difference %.3e at %s, tolerance %.3e: %s\n", worst,
              worstName.c_str(), tolerance,
              equal ? "equal within tolerance" : "DIFFERENT");
  return equal ? 0 : 1;
}

/// MPI's world once check() has joined it.
std::shared_ptr<loom::Communicator> world;

int check() {
  world = loom::mpiWorld().take();
  if (globalBatch <= 0 || globalBatch % world->size() != 0)
    throw loom::Error(loom::ErrorKind::InvalidArgument,
                      fmt::format("--batch {} does not split evenly over {} ranks",
                                  globalBatch.getValue(), world->size()));
  if (modelName != "ae" && modelName != "attn-fmnist")
    throw loom::Error(loom::ErrorKind::InvalidArgument,
                      "--model must be ae or attn-fmnist, got '" + modelName + "'");
  if (steps <= 0 || trainImages <= 0 || learningRate <= 0)
    throw loom::Error(loom::ErrorKind::InvalidArgument,
                      "--steps, --train-images and --lr must be positive");
  loom::data::Dataset images =
      loom::data::loadFashionMNIST(loom::data::Split::Train, trainImages.getValue(), dataDir)
          .take();
  // --no-exchange: the ranks train apart, each on its share.
  Run dataParallel = train(images, globalBatch / world->size(), world->rank(),
                           world->size(), noExchange ? nullptr : world);
  if (!saveFile.empty())
    dataParallel.trainer.save(saveFile).take();
  if (world->rank() != 0)
    return 0;
  Run whole = train(images, globalBatch, 0, 1, nullptr);
  return compare(dataParallel, whole, world->size());
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  cl::ParseCommandLineOptions(argc, argv,
                              "Checks data-parallel training against one process\n");
  try {
    return check();
  } catch (const loom::Error &error) {
    std::fflush(stdout);
    std::string message = error.message();
    if (message.starts_with("error: "))
      message.erase(0, 7);
    if (world && world->size() > 1) {
      std::fprintf(stderr, "loom-dp-check (rank %d of %d): error: %s\n", world->rank(),
                   world->size(), message.c_str());
      std::fflush(stderr);
      world->abort(1);
    }
    std::fprintf(stderr, "loom-dp-check: error: %s\n", message.c_str());
    return 1;
  }
}
