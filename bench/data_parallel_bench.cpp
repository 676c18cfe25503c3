//===- data_parallel_bench.cpp - Training throughput over MPI ranks -------===//
//
// Times the AE and ATTN-FMNIST training steps (Adam) at one global batch on
// however many ranks mpirun started (one process when run alone: the plain
// step, no exchange), each rank on one thread and its 1/W of the batch:
//
//   data_parallel_bench [GLOBAL_BATCH] [STEPS]          (default 256, 30)
//   mpirun -np 2 data_parallel_bench 256 30
//
// Every rank runs the same fixed number of steps (a collective cannot be
// timed adaptively: the ranks would stop at different counts). Rank 0
// prints, per model: the median step time, images per second at the median
// and at the fastest step (this shared machine's noise hits a job that
// needs both cores harder than one that leaves a core free), the seconds
// per step inside the exchange (Communicator::exchangeSeconds, which
// includes waiting for the slower rank), and a bare all-reduce of the same
// bytes as the step's gradients, timed apart from any step. Inputs are
// fixed pseudo-random values, so no data set is read. Prints figures only;
// bench/data-parallel.sh runs it side by side.
//
//===----------------------------------------------------------------------===//
#include "BenchSupport.h"

#include "loom/Models/Models.h"
#include "loom/Runtime/Communicator.h"
#include "loom/Training/Trainer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

namespace {

double seconds() {
  return std::chrono::duration<double>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

void benchmark(const char *model, int64_t globalBatch, int steps,
               const std::shared_ptr<loom::Communicator> &world) {
  bool exchange = world->size() > 1;
  int64_t rows = globalBatch / world->size();
  loom::dsl::Module module = loom::models::buildModel(model, {.batch = rows}).take();
  loom::training::TrainerOptions options;
  if (exchange)
    options.communicator = world;
  loom::training::Trainer trainer =
      loom::training::compileTrainStep(module.module(), "forward",
                                       loom::training::Adam{}, options)
          .take();
  std::vector<loom::Tensor> batch;
  uint64_t salt = 7 + world->rank();
  for (const loom::ArgumentInfo &input : trainer.batchInputs()) {
    loom::Tensor tensor = loom::bench::filledTensor(input.type, salt++);
    // attn-fmnist's labels: classes 0..9.
    if (input.type.dtype == loom::DType::I32)
      for (int64_t i = 0; i < tensor.numElements(); ++i)
        tensor.data<int32_t>()[i] = static_cast<int32_t>((i + salt) % 10);
    batch.push_back(std::move(tensor));
  }
  for (int warmUp = 0; warmUp < 3; ++warmUp)
    trainer.step(batch).take();

  world->barrier().take();
  double exchangeBefore = world->exchangeSeconds();
  std::vector<double> times;
  for (int step = 0; step < steps; ++step) {
    double start = seconds();
    trainer.step(batch).take();
    times.push_back(seconds() - start);
  }
  double exchangePerStep = (world->exchangeSeconds() - exchangeBefore) / steps;

  // The same bytes as the gradients, reduced alone after a barrier.
  size_t elements = 0;
  for (const loom::training::NamedTensor &parameter : trainer.parameters())
    elements += parameter.tensor.numElements();
  std::vector<float> buffer(elements, 1.0f);
  std::vector<double> bare;
  for (int round = 0; round < 10 && exchange; ++round) {
    world->barrier().take();
    double start = seconds();
    world->allReduce(buffer.data(), buffer.size(), loom::CollectiveReductionCode::Mean).take();
    bare.push_back(seconds() - start);
  }
  if (world->rank() != 0)
    return;
  double step = median(times);
  double best = *std::min_element(times.begin(), times.end());
  std::printf("%-12s ranks=%d global_batch=%lld step_ms=%.2f img_per_s=%.0f "
              "best_img_per_s=%.0f exchange_ms_per_step=%.3f bare_allreduce_ms=%.3f "
              "gradient_mib=%.2f\n",
              model, world->size(), static_cast<long long>(globalBatch), step * 1e3,
              globalBatch / step, globalBatch / best, exchangePerStep * 1e3,
              bare.empty() ? 0.0 : median(bare) * 1e3, elements * 4.0 / (1 << 20));
  std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv) {
  int64_t globalBatch = argc > 1 ? std::atoll(argv[1]) : 256;
  int steps = argc > 2 ? std::atoi(argv[2]) : 30;
  try {
    std::shared_ptr<loom::Communicator> world =
        loom::launchedByMPI() ? loom::mpiWorld().take() : loom::singleProcess();
    if (globalBatch <= 0 || globalBatch % world->size() != 0 || steps <= 0) {
      std::fprintf(stderr, "data_parallel_bench: the global batch must split evenly "
                           "over the ranks, and the steps be positive\n");
      return 2;
    }
    for (const char *model : {"ae", "attn-fmnist"})
      benchmark(model, globalBatch, steps, world);
  } catch (const loom::Error &error) {
    std::fprintf(stderr, "data_parallel_bench: error: %s\n", error.what());
    return 1;
  }
  return 0;
}
