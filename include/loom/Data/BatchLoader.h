//===- BatchLoader.h - Shuffled mini-batches of a data set ------*- C++ -*-===//
//
// Splits a Dataset into mini-batches the way PyTorch's DataLoader does: each
// epoch visits every image once, in a fresh random order when shuffling, and
// the last short batch is kept or dropped (`dropLast`).
//
// The order of epoch `e` is a pure function of (seed, e), drawn from Loom's
// counter-based random numbers (loom/Support/CounterRNG.h), so it is the same
// on every platform and a run resumed at epoch `e` sees the batches an
// uninterrupted run would have.
//
// Batches are copied into tensors the caller allocates once (compiled
// functions have static shapes), e.g. with makeImageBatch/makeLabelBatch.
//
// Data-parallel training (docs/distributed.md) shards every global batch:
// with `shards` = W and `shard` = r, each of the W loaders draws the same
// global batches of `batchSize` images and copies only rows
// [r * batchSize / W, (r + 1) * batchSize / W) of each, so the ranks see
// disjoint parts of every global batch and together the whole of it. Every
// rank must then run the same number of steps: a sharded loader always drops
// the short last batch, and the batch size must be a multiple of W.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_DATA_BATCHLOADER_H
#define LOOM_DATA_BATCHLOADER_H

#include "loom/Data/FashionMNIST.h"
#include "loom/Runtime/Tensor.h"

#include <cstdint>
#include <vector>

namespace loom::data {

struct BatchOptions {
  int64_t batchSize = 128;
  bool shuffle = true;
  /// Skip the last batch of an epoch when it would be short.
  bool dropLast = false;
  uint64_t seed = 0;
  /// This loader's share of every global batch: shard `shard` of `shards`.
  int64_t shard = 0;
  int64_t shards = 1;
};

/// The order in which epoch `epoch` visits `count` items: a uniformly random
/// permutation of 0..count-1 determined by (seed, epoch).
std::vector<int64_t> epochPermutation(int64_t count, uint64_t seed,
                                      int64_t epoch);

class BatchLoader {
public:
  /// Throws loom::Error when the batch size is not positive, or the shards
  /// do not split it evenly. The loader keeps a handle to the dataset's
  /// tensors (no copy of the pixels).
  BatchLoader(const Dataset &dataset, BatchOptions options);

  /// The global batch size: images per step over all shards.
  int64_t batchSize() const { return options.batchSize; }
  /// The rows this loader fills per batch: batchSize() / shards.
  int64_t rowsPerBatch() const { return options.batchSize / options.shards; }
  /// Batches in one epoch: ceil(N / batch), or floor with dropLast.
  int64_t batchesPerEpoch() const;

  /// Starts epoch `epoch` (counting from 0) at its first batch.
  void startEpoch(int64_t epoch);
  /// The dataset indices of the current epoch, in visiting order.
  const std::vector<int64_t> &order() const { return visitingOrder; }

  /// Copies this shard's rows of the next batch of the current epoch into
  /// `images` (f32, first dimension rowsPerBatch(), any shape with height*width elements per
  /// image, e.g. {B, 784} or {B, 1, 28, 28}) and `labels` (i32 {B}). Returns
  /// the number of images copied, 0 once the epoch is over. Rows past that
  /// number in a short last batch are zero (label 0), so they are safe to
  /// feed to a compiled function; the caller ignores them. Throws loom::Error
  /// when a tensor has the wrong dtype or shape.
  int64_t next(Tensor &images, Tensor &labels);
  /// The same without labels, for models that do not use them.
  int64_t next(Tensor &images);

  /// A zero tensor {rowsPerBatch(), rowShape...} for next()'s images;
  /// rowShape defaults to {height * width}.
  Tensor makeImageBatch(std::vector<int64_t> rowShape = {}) const;
  /// A zero i32 tensor {rowsPerBatch()} for next()'s labels.
  Tensor makeLabelBatch() const;

private:
  int64_t fill(Tensor &images, Tensor *labels);

  Dataset dataset;
  BatchOptions options;
  std::vector<int64_t> visitingOrder;
  int64_t position = 0;
};

} // namespace loom::data

#endif
