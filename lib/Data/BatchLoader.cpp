//===- BatchLoader.cpp - Shuffled mini-batches ----------------------------===//
#include "loom/Data/BatchLoader.h"

#include "loom/Support/CounterRNG.h"

#include <algorithm>
#include <cstring>
#include <numeric>

namespace loom::data {

std::vector<int64_t> epochPermutation(int64_t count, uint64_t seed,
                                      int64_t epoch) {
  std::vector<int64_t> order(static_cast<size_t>(std::max<int64_t>(count, 0)));
  std::iota(order.begin(), order.end(), 0);
  // Fisher-Yates with stream `epoch`; rejection keeps every draw unbiased.
  uint64_t draw = 0;
  for (int64_t i = count - 1; i > 0; --i) {
    uint64_t bound = static_cast<uint64_t>(i) + 1;
    uint64_t threshold = (0 - bound) % bound;
    uint64_t value;
    do
      value = rng::bits(seed, static_cast<uint64_t>(epoch), draw++);
    while (value < threshold);
    std::swap(order[i], order[value % bound]);
  }
  return order;
}

BatchLoader::BatchLoader(const Dataset &dataset, BatchOptions options)
    : dataset(dataset), options(options) {
  if (options.batchSize <= 0)
    throw Error(ErrorKind::InvalidArgument, "the batch size must be positive, got " +
                std::to_string(options.batchSize));
  if (options.shards <= 0 || options.shard < 0 || options.shard >= options.shards)
    throw Error(ErrorKind::InvalidArgument,
                "shard " + std::to_string(options.shard) + " of " +
                    std::to_string(options.shards) + " does not exist");
  if (options.batchSize % options.shards != 0)
    throw Error(ErrorKind::InvalidArgument,
                "the global batch of " + std::to_string(options.batchSize) +
                    " images does not split evenly over " +
                    std::to_string(options.shards) + " ranks");
  // Every rank must take the same number of steps, so no rank may be left
  // without rows of a short last batch.
  if (options.shards > 1)
    this->options.dropLast = true;
  startEpoch(0);
}

int64_t BatchLoader::batchesPerEpoch() const {
  int64_t size = dataset.size();
  return options.dropLast ? size / options.batchSize
                          : (size + options.batchSize - 1) / options.batchSize;
}

void BatchLoader::startEpoch(int64_t epoch) {
  if (options.shuffle) {
    visitingOrder = epochPermutation(dataset.size(), options.seed, epoch);
  } else {
    visitingOrder.resize(dataset.size());
    std::iota(visitingOrder.begin(), visitingOrder.end(), 0);
  }
  position = 0;
}

int64_t BatchLoader::next(Tensor &images, Tensor &labels) {
  return fill(images, &labels);
}

int64_t BatchLoader::next(Tensor &images) { return fill(images, nullptr); }

Tensor BatchLoader::makeImageBatch(std::vector<int64_t> rowShape) const {
  if (rowShape.empty())
    rowShape = {dataset.pixelsPerImage()};
  rowShape.insert(rowShape.begin(), rowsPerBatch());
  return Tensor::zeros(std::move(rowShape), DType::F32);
}

Tensor BatchLoader::makeLabelBatch() const {
  return Tensor::zeros({rowsPerBatch()}, DType::I32);
}

int64_t BatchLoader::fill(Tensor &images, Tensor *labels) {
  int64_t batch = rowsPerBatch();
  int64_t pixels = dataset.pixelsPerImage();
  if (images.dtype() != DType::F32 || images.rank() < 1 ||
      images.shape()[0] != batch || images.numElements() != batch * pixels)
    throw Error(ErrorKind::InvalidArgument, "the image batch must be an f32 tensor of " +
                std::to_string(batch) + " images with " +
                std::to_string(pixels) + " elements each, got " +
                images.typeString());
  if (labels && (labels->dtype() != DType::I32 ||
                 labels->shape() != std::vector<int64_t>{batch}))
    throw Error(ErrorKind::InvalidArgument, "the label batch must be tensor<" + std::to_string(batch) +
                "xi32>, got " + labels->typeString());

  int64_t available = static_cast<int64_t>(visitingOrder.size()) - position;
  int64_t globalRows = std::min(options.batchSize, available);
  if (globalRows <= 0 || (options.dropLast && globalRows < options.batchSize))
    return 0;
  // Unsharded, a short last batch fills the first rows; sharded, every batch
  // is whole (dropLast) and this shard's rows start at shard * batch.
  int64_t rows = std::min(batch, globalRows);
  int64_t first = position + options.shard * batch;

  float *imageData = images.data<float>();
  const float *source = dataset.images.data<float>();
  int32_t *labelData = labels ? labels->data<int32_t>() : nullptr;
  const int32_t *sourceLabels = dataset.labels.data<int32_t>();
  for (int64_t row = 0; row < rows; ++row) {
    int64_t index = visitingOrder[first + row];
    std::memcpy(imageData + row * pixels, source + index * pixels,
                pixels * sizeof(float));
    if (labelData)
      labelData[row] = sourceLabels[index];
  }
  std::fill(imageData + rows * pixels, imageData + batch * pixels, 0.0f);
  if (labelData)
    std::fill(labelData + rows, labelData + batch, 0);
  position += globalRows;
  return rows;
}

} // namespace loom::data
