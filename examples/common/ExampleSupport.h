//===- ExampleSupport.h - What the four examples share ----------*- C++ -*-===//
//
// The examples (ae, vae, gan, attention) each build their model with the DSL
// and own their training loop; this header holds the plumbing around it that
// would otherwise be repeated four times: the command line, loading
// Fashion-MNIST, resuming from a checkpoint, the progress display, the
// per-step loss log and the per-epoch checkpoints. Everything throws
// loom::Error on failure; `exampleMain` reports it and returns 1.
//
// Data parallelism (docs/distributed.md): under `mpirun`, or with
// --data-parallel, every process is a rank of MPI's world. --batch is then
// the global batch: each rank trains on its 1/W share of every batch, and
// rank 0 alone prints, writes losses.tsv, pictures and checkpoints. A rank
// that fails ends the whole job (Communicator::abort).
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_EXAMPLES_EXAMPLESUPPORT_H
#define LOOM_EXAMPLES_EXAMPLESUPPORT_H

#include "loom/Data/BatchLoader.h"
#include "loom/Data/FashionMNIST.h"
#include "loom/Data/Image.h"
#include "loom/Data/Progress.h"
#include "loom/Runtime/Communicator.h"
#include "loom/Training/Trainer.h"

#include <cstdint>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loom::examples {

struct ExampleInfo {
  /// Short name: the executable is loom-example-<name>, checkpoints are
  /// <name>-epoch<N>.ckpt.
  std::string_view name;
  std::string_view description;
  int64_t defaultEpochs;
};

/// The flags every example takes (see `usage`).
struct Flags {
  int64_t epochs = 1;
  /// Images per training step, over all ranks.
  int64_t batch = 128;
  /// Threads of the compiled code (docs/performance.md, Threads).
  int64_t threads = 1;
  /// Compiled code comes from the on-disk compile cache (--cache).
  bool cache = false;
  /// The target backend and GPU architecture of the compiled code
  /// (docs/gpu.md): cpu, nvptx or nvptx-host.
  std::string target = "cpu";
  std::string gpuArch = "sm_80";
  uint64_t seed = 0;
  std::string out;
  std::string resume;
  std::optional<int64_t> limit;
  std::string data = data::kFashionMNISTDirectory;
  /// --data-parallel, or started by mpirun.
  bool dataParallel = false;
  /// MPI's world when data-parallel (set by exampleMain), else null.
  std::shared_ptr<Communicator> ranks;
};

/// Images per step on this rank: the global --batch over the ranks.
int64_t rankBatch(const Flags &flags);
/// Whether this process prints and writes files: rank 0, or the only one.
bool isLeader(const Flags &flags);

/// The training set in shuffled global batches of --batch images, of which
/// this rank loads its share (the short last batch is dropped).
data::BatchLoader trainingBatches(const Flags &flags, const data::Dataset &train);
/// The test set in file order, in batches of rankBatch images: every rank
/// evaluates all of it with the model it compiled, rank 0 reports.
data::BatchLoader testBatches(const Flags &flags, const data::Dataset &test);

/// Parses `--flag value` or `--flag=value`; prints the usage and exits for
/// --help. A bad flag or value throws loom::Error.
Flags parseFlags(int argc, char **argv, const ExampleInfo &info);

/// The trainer options the flags ask for: --seed for the initial parameters,
/// --threads and --target for the compiled code, the ranks to exchange
/// gradients with.
training::TrainerOptions trainerOptions(const Flags &flags);

/// Runs `body` with the parsed flags (joining MPI's world when
/// data-parallel); a loom::Error it throws is printed as
/// "loom-example-<name>: error: ..." and gives exit status 1, or, on one of
/// several ranks, ends every rank of the job with status 1.
int exampleMain(int argc, char **argv, const ExampleInfo &info,
                const std::function<void(const Flags &)> &body);

struct FashionMNIST {
  data::Dataset train;
  data::Dataset test;
};

/// Both splits, each cut to --limit images when given.
FashionMNIST loadFashionMNIST(const Flags &flags);

/// A different 64-bit seed for every training step and rank, for the random
/// ops (noise, dropout) inside a compiled step: no two ranks draw the same
/// noise for their rows.
int64_t stepSeed(const Flags &flags, uint64_t step);
/// One fixed seed for the random ops of evaluations, so that epochs compare.
int64_t evaluationSeed(const Flags &flags);
/// Standard normal numbers of `shape` from a stream of their own (apart from
/// the initializers' and the steps'), the same in every epoch and run with
/// one --seed: fixed noise for pictures.
Tensor fixedNormalNoise(const Flags &flags, std::vector<int64_t> shape);

/// A copy of the first `rows` rows of `tensor` (f32, first dimension the
/// rows), e.g. the first images of a batch for a picture.
Tensor firstRows(const Tensor &tensor, int64_t rows);

/// Owns what happens around the steps of a training run:
///   - `--resume`: loads the checkpoint into the trainer and starts at the
///     epoch after the one it was saved at;
///   - the progress bar (plain lines when stdout is not a terminal);
///   - `<out>/losses.tsv`: "epoch step loss..." per step, every loss printed
///     exactly (appended to when resuming);
///   - `<out>/<name>-epoch<N>.ckpt` after every epoch.
/// On ranks other than 0 it shows and writes nothing (every rank resumes).
class TrainingRun {
public:
  TrainingRun(const Flags &flags, const ExampleInfo &info,
              training::Trainer &trainer, int64_t stepsPerEpoch);

  /// The first epoch to train (0, or where the resumed checkpoint left off).
  int64_t firstEpoch() const { return startEpoch; }

  void beginEpoch(int64_t epoch);
  /// Records one step's losses (one per training phase); the first is the
  /// one the progress display shows.
  void step(const std::vector<double> &losses);
  void step(double loss) { step(std::vector<double>{loss}); }
  /// Ends the epoch; returns its mean loss (of the first phase) on rank 0,
  /// 0 elsewhere.
  double endEpoch();
  /// Prints a line without garbling the progress bar.
  void report(const std::string &line);
  /// Writes `image` to `<out>/<file>`.
  void writePicture(std::string_view file, const data::Image &image);
  /// Saves the trainer as <out>/<name>-epoch<N>.ckpt, N the epoch just
  /// trained (counting from 1), and lists what the epoch wrote.
  void saveCheckpoint();

  /// `<out>/<file>`.
  std::string outPath(std::string_view file) const;

private:
  const Flags &flags;
  const ExampleInfo &info;
  training::Trainer &trainer;
  int64_t stepsPerEpoch;
  int64_t startEpoch = 0;
  int64_t epoch = 0;
  int64_t stepInEpoch = 0;
  std::vector<std::string> written;
  std::ofstream lossLog;
  /// Rank 0's only (null elsewhere).
  std::optional<data::ProgressReporter> progress;
};

} // namespace loom::examples

#endif
