//===- ExampleSupport.cpp - What the four examples share ------------------===//
#include "ExampleSupport.h"

#include "loom/Support/CounterRNG.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

namespace loom::examples {
namespace {

/// Seeds of the compiled functions' random ops come from these streams of
/// the counter-based generator, apart from the parameter initializers'.
constexpr uint64_t kStepSeedStream = 0x5EED5EED;
constexpr uint64_t kEvaluationSeedStream = 0xE7A1;
constexpr uint64_t kFixedNoiseStream = 0xF12ED;

/// The hardware threads (1 where the count is unknown), for the help text.
/// --threads defaults to 1: more threads pay off only for large ops on an
/// idle machine (docs/performance.md, Threads).
int64_t hardwareThreads() {
  return std::clamp<int64_t>(std::thread::hardware_concurrency(), 1,
                             kMaxThreads);
}

void printUsage(const ExampleInfo &info, const Flags &defaults) {
  std::cout << fmt::format(
      "usage: loom-example-{0} [flags]\n"
      "{1}\n\n"
      "  --epochs N          epochs to train (default {2})\n"
      "  --batch N           images per training step (default {3})\n"
      "  --threads N         threads that run the compiled code's large ops;\n"
      "                      results do not depend on it (default 1; this\n"
      "                      machine has {5} hardware threads)\n"
      "  --target T          cpu (default), nvptx (an NVIDIA GPU, through the\n"
      "                      CUDA driver) or nvptx-host (the GPU's strategy\n"
      "                      run on this CPU); see docs/gpu.md\n"
      "  --gpu-arch SM       the GPU of --target nvptx: sm_80 (default), sm_86,\n"
      "                      sm_89 or sm_90\n"
      "  --cache             reuse compiled steps from the on-disk compile cache\n"
      "                      ($LOOM_CACHE_DIR, default ~/.cache/loom)\n"
      "  --seed S            seed of the initial parameters, shuffles and noise (default 0)\n"
      "  --out DIR           where pictures, checkpoints and losses.tsv go\n"
      "                      (default {0}-out)\n"
      "  --resume FILE       continue from a checkpoint written by this example\n"
      "  --limit N           use only the first N training and test images\n"
      "  --data DIR          Fashion-MNIST directory (default {4})\n"
      "  --data-parallel     train on every rank of the MPI job, each on its\n"
      "                      share of --batch (implied under mpirun; see\n"
      "                      docs/distributed.md)\n",
      info.name, info.description, info.defaultEpochs, defaults.batch,
      defaults.data, hardwareThreads());
}

int64_t parseInteger(std::string_view flag, std::string_view text,
                     int64_t minimum) {
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size())
    throw Error(ErrorKind::InvalidArgument, fmt::format("{} expects an integer, got '{}'", flag, text));
  if (value < minimum)
    throw Error(ErrorKind::InvalidArgument, fmt::format("{} must be at least {}, got {}", flag, minimum, value));
  return value;
}


Flags defaultFlags(const ExampleInfo &info) {
  Flags flags;
  flags.epochs = info.defaultEpochs;
  flags.out = std::string(info.name) + "-out";
  return flags;
}

} // namespace

Flags parseFlags(int argc, char **argv, const ExampleInfo &info) {
  Flags flags = defaultFlags(info);
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      printUsage(info, defaultFlags(info));
      std::exit(0);
    }
    if (!arg.starts_with("--"))
      throw Error(ErrorKind::InvalidArgument, fmt::format("unexpected argument '{}' (see --help)", arg));
    if (arg == "--cache") {
      flags.cache = true;
      continue;
    }
    if (arg == "--data-parallel") {
      flags.dataParallel = true;
      continue;
    }
    std::string_view flag = arg, value;
    if (size_t equals = arg.find('='); equals != std::string_view::npos) {
      flag = arg.substr(0, equals);
      value = arg.substr(equals + 1);
    } else {
      if (i + 1 >= argc)
        throw Error(ErrorKind::InvalidArgument, fmt::format("{} needs a value (see --help)", flag));
      value = argv[++i];
    }
    if (flag == "--epochs")
      flags.epochs = parseInteger(flag, value, 1);
    else if (flag == "--batch")
      flags.batch = parseInteger(flag, value, 1);
    else if (flag == "--threads") {
      flags.threads = parseInteger(flag, value, 1);
      if (flags.threads > kMaxThreads)
        throw Error(ErrorKind::InvalidArgument, fmt::format("--threads must be at most {}, got {}",
                                kMaxThreads, flags.threads));
    } else if (flag == "--seed")
      flags.seed = static_cast<uint64_t>(parseInteger(flag, value, 0));
    else if (flag == "--out")
      flags.out = value;
    else if (flag == "--resume")
      flags.resume = value;
    else if (flag == "--limit")
      flags.limit = parseInteger(flag, value, 1);
    else if (flag == "--data")
      flags.data = value;
    else if (flag == "--target")
      flags.target = value;
    else if (flag == "--gpu-arch")
      flags.gpuArch = value;
    else
      throw Error(ErrorKind::InvalidArgument, fmt::format("unknown flag '{}' (see --help)", flag));
    if (value.empty())
      throw Error(ErrorKind::InvalidArgument, fmt::format("{} needs a value", flag));
  }
  flags.dataParallel = flags.dataParallel || launchedByMPI();
  return flags;
}

int exampleMain(int argc, char **argv, const ExampleInfo &info,
                const std::function<void(const Flags &)> &body) {
  std::shared_ptr<Communicator> ranks;
  try {
    Flags flags = parseFlags(argc, argv, info);
    if (flags.dataParallel) {
      flags.ranks = ranks = mpiWorld().take();
      if (flags.batch % ranks->size() != 0)
        throw Error(ErrorKind::InvalidArgument,
                    fmt::format("--batch {} does not split evenly over {} ranks",
                                flags.batch, ranks->size()));
    }
    body(flags);
    return 0;
  } catch (const Error &error) {
    std::cout.flush();
    std::string message = error.message();
    if (message.starts_with("error: "))
      message.erase(0, 7);
    std::string rank = ranks && ranks->size() > 1
                           ? fmt::format(" (rank {} of {})", ranks->rank(), ranks->size())
                           : "";
    std::cerr << "loom-example-" << info.name << rank << ": error: " << message
              << std::endl;
    // The other ranks would wait for this one in the next exchange.
    if (ranks && ranks->size() > 1)
      ranks->abort(1);
    return 1;
  }
}

int64_t rankBatch(const Flags &flags) {
  return flags.ranks ? flags.batch / flags.ranks->size() : flags.batch;
}

bool isLeader(const Flags &flags) {
  return !flags.ranks || flags.ranks->rank() == 0;
}

data::BatchLoader trainingBatches(const Flags &flags, const data::Dataset &train) {
  return data::BatchLoader(
      train, {.batchSize = flags.batch,
              .dropLast = true,
              .seed = flags.seed,
              .shard = flags.ranks ? flags.ranks->rank() : 0,
              .shards = flags.ranks ? flags.ranks->size() : 1});
}

data::BatchLoader testBatches(const Flags &flags, const data::Dataset &test) {
  return data::BatchLoader(test, {.batchSize = rankBatch(flags), .shuffle = false});
}

FashionMNIST loadFashionMNIST(const Flags &flags) {
  FashionMNIST data{
      data::loadFashionMNIST(data::Split::Train, flags.limit, flags.data).take(),
      data::loadFashionMNIST(data::Split::Test, flags.limit, flags.data).take()};
  if (isLeader(flags))
    std::cout << fmt::format("Fashion-MNIST from {}: {} training, {} test images{}\n",
                             flags.data, data.train.size(), data.test.size(),
                             flags.ranks ? fmt::format(", on {} ranks", flags.ranks->size())
                                         : "")
              << std::flush;
  return data;
}

training::TrainerOptions trainerOptions(const Flags &flags) {
  training::TrainerOptions options;
  options.seed = flags.seed;
  options.compiler.threads = static_cast<unsigned>(flags.threads);
  options.compiler.cache = flags.cache;
  options.compiler.target = flags.target;
  options.compiler.gpuArch = flags.gpuArch;
  options.communicator = flags.ranks;
  return options;
}

int64_t stepSeed(const Flags &flags, uint64_t step) {
  // Rank r of W takes counter step * W + r: one process (W = 1) keeps the
  // seeds it always had.
  uint64_t ranks = flags.ranks ? flags.ranks->size() : 1;
  uint64_t rank = flags.ranks ? flags.ranks->rank() : 0;
  return static_cast<int64_t>(rng::bits(flags.seed, kStepSeedStream, step * ranks + rank));
}

Tensor firstRows(const Tensor &tensor, int64_t rows) {
  std::vector<int64_t> shape = tensor.shape();
  if (shape.empty() || rows > shape[0])
    throw Error(ErrorKind::InvalidArgument, fmt::format("cannot take {} rows of a tensor of shape [{}]", rows,
                            fmt::join(shape, ", ")));
  size_t rowBytes = tensor.numBytes() / static_cast<size_t>(shape[0]);
  shape[0] = rows;
  Tensor copy = Tensor::zeros(shape, tensor.dtype());
  std::memcpy(copy.rawData(), tensor.rawData(), rowBytes * rows);
  return copy;
}

int64_t evaluationSeed(const Flags &flags) {
  return static_cast<int64_t>(rng::bits(flags.seed, kEvaluationSeedStream, 0));
}

Tensor fixedNormalNoise(const Flags &flags, std::vector<int64_t> shape) {
  Tensor noise = Tensor::zeros(std::move(shape));
  float *values = noise.data<float>();
  for (int64_t i = 0; i < noise.numElements(); ++i)
    values[i] = rng::normal<float>(flags.seed, kFixedNoiseStream, i);
  return noise;
}

TrainingRun::TrainingRun(const Flags &flags, const ExampleInfo &info,
                         training::Trainer &trainer, int64_t stepsPerEpoch)
    : flags(flags), info(info), trainer(trainer), stepsPerEpoch(stepsPerEpoch) {
  if (stepsPerEpoch <= 0)
    throw Error(ErrorKind::InvalidArgument, fmt::format("the training images make no full batch of {}; "
                            "raise --limit or lower --batch",
                            flags.batch));
  std::error_code error;
  std::filesystem::create_directories(flags.out, error);
  if (error)
    throw Error(ErrorKind::IO, fmt::format("cannot create the output directory '{}': {}",
                            flags.out, error.message()));

  if (!flags.resume.empty()) {
    trainer.load(flags.resume).take();
    uint64_t steps = trainer.stepCount();
    if (steps % stepsPerEpoch != 0)
      throw Error(ErrorKind::InvalidArgument, fmt::format(
          "checkpoint '{}' was taken after {} steps, not at the end of an epoch "
          "of {} steps; resume with the --batch and --limit it was trained with",
          flags.resume, steps, stepsPerEpoch));
    startEpoch = static_cast<int64_t>(steps) / stepsPerEpoch;
    if (isLeader(flags)) {
      std::cout << fmt::format("resumed from {} after epoch {}\n", flags.resume,
                               startEpoch);
      if (startEpoch >= flags.epochs)
        std::cout << fmt::format("nothing to train: --epochs is {}\n", flags.epochs);
      std::cout.flush();
    }
  }
  if (!isLeader(flags))
    return;
  lossLog.open(outPath("losses.tsv"),
               flags.resume.empty() ? std::ios::trunc : std::ios::app);
  if (!lossLog)
    throw Error(ErrorKind::InvalidArgument, fmt::format("cannot write '{}'", outPath("losses.tsv")));
  progress.emplace(data::ProgressReporter::toStdout(
      {.epochs = flags.epochs,
       .stepsPerEpoch = stepsPerEpoch,
       .imagesPerStep = flags.batch}));
}

void TrainingRun::beginEpoch(int64_t epochIndex) {
  epoch = epochIndex;
  stepInEpoch = 0;
  if (progress)
    progress->startEpoch(epoch);
}

void TrainingRun::step(const std::vector<double> &losses) {
  ++stepInEpoch;
  if (!progress)
    return;
  lossLog << epoch + 1 << '\t' << stepInEpoch;
  for (double loss : losses)
    lossLog << '\t' << fmt::format("{:.9g}", loss);
  lossLog << '\n';
  progress->step(losses.front());
}

double TrainingRun::endEpoch() {
  if (!progress)
    return 0;
  lossLog.flush();
  return progress->endEpoch();
}

void TrainingRun::report(const std::string &line) {
  if (progress)
    progress->message(line);
}

void TrainingRun::saveCheckpoint() {
  std::string file = fmt::format("{}-epoch{}.ckpt", info.name, epoch + 1);
  trainer.save(outPath(file)).take();
  if (!progress)
    return;
  written.push_back(file);
  report(fmt::format("wrote {} in {}", fmt::join(written, ", "), flags.out));
  written.clear();
}

std::string TrainingRun::outPath(std::string_view file) const {
  return (std::filesystem::path(flags.out) / file).string();
}

void TrainingRun::writePicture(std::string_view file, const data::Image &image) {
  if (!progress)
    return;
  data::writePng(outPath(file), image).take();
  written.emplace_back(file);
}

} // namespace loom::examples
