//===- loom-checkpoint-fuzzer.cpp - Fuzz loading checkpoints --------------===//
//
// Each input is the bytes of a checkpoint, given to Trainer::loadBytes (what
// Trainer::load does after reading the file) of a trainer compiled once: a
// linear regression (parameters w: 5x3 and b: 3) with Adam (state m and v of
// each). The harness first overwrites the last 8 bytes with the checksum of
// the rest, so that mutations reach the checks behind the checksum. A
// rejected checkpoint must leave the trainer as it was.
//
//===----------------------------------------------------------------------===//
#include "loom/DSL/Graph.h"
#include "loom/Training/Trainer.h"

#include <cstdlib>
#include <cstring>
#include <optional>

using namespace loom;

namespace {

training::Trainer &trainer() {
  static training::Trainer instance = [] {
    dsl::Module module("regression");
    dsl::Graph g(module, "loss");
    dsl::Tensor x = g.input("x", {8, 5});
    dsl::Tensor y = g.input("y", {8, 3});
    dsl::Tensor w = g.parameter("w", {5, 3}, dsl::Init::normal(0.5));
    dsl::Tensor b = g.parameter("b", {3}, dsl::Init::zeros());
    g.returns(dsl::square(dsl::matmul(x, w) + b - y).mean());
    return training::compileTrainStep(module.module(), "loss",
                                      training::Adam{})
        .take();
  }();
  return instance;
}

/// Every parameter and state byte, and the step count.
std::string snapshot(const training::Trainer &trainer) {
  std::string bytes = std::to_string(trainer.stepCount());
  for (const auto *group : {&trainer.parameters(), &trainer.optimizerState()})
    for (const training::NamedTensor &entry : *group)
      bytes.append(static_cast<const char *>(entry.tensor.rawData()),
                   entry.tensor.numBytes());
  return bytes;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  (void)trainer();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string bytes(reinterpret_cast<const char *>(data), size);
  if (bytes.size() >= sizeof(uint64_t)) {
    size_t contents = bytes.size() - sizeof(uint64_t);
    uint64_t checksum =
        training::checkpointChecksum(std::string_view(bytes).substr(0, contents));
    for (size_t i = 0; i < sizeof(uint64_t); ++i)
      bytes[contents + i] = static_cast<char>(checksum >> (8 * i));
  }
  std::string before = snapshot(trainer());
  Expected<void> loaded = trainer().loadBytes(bytes, "<fuzz>.ckpt");
  if (!loaded && snapshot(trainer()) != before)
    std::abort();
  return 0;
}
