//===- BatchLoaderTest.cpp - Shuffled mini-batches ------------------------===//
#include "loom/Data/BatchLoader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>

using namespace loom::data;
using loom::DType;
using loom::Tensor;

namespace {

/// `count` 2x2 images; every pixel of image i is i / 100, and its label is
/// i % 10, so a copied row identifies its source.
Dataset numberedDataset(int64_t count) {
  Dataset data{Tensor::zeros({count, 4}), Tensor::zeros({count}, DType::I32), 2,
               2};
  for (int64_t i = 0; i < count; ++i) {
    for (int64_t p = 0; p < 4; ++p)
      data.images.data<float>()[i * 4 + p] = static_cast<float>(i) / 100.0f;
    data.labels.data<int32_t>()[i] = static_cast<int32_t>(i % 10);
  }
  return data;
}

TEST(BatchLoaderTest, PermutationVisitsEveryIndexOnce) {
  for (int64_t count : {0, 1, 2, 7, 1000}) {
    std::vector<int64_t> order = epochPermutation(count, 42, 3);
    std::vector<int64_t> sorted = order;
    std::sort(sorted.begin(), sorted.end());
    for (int64_t i = 0; i < count; ++i)
      ASSERT_EQ(sorted[i], i) << "count " << count;
    EXPECT_EQ(static_cast<int64_t>(order.size()), count);
  }
}

TEST(BatchLoaderTest, PermutationIsAFunctionOfSeedAndEpoch) {
  EXPECT_EQ(epochPermutation(500, 7, 2), epochPermutation(500, 7, 2));
  EXPECT_NE(epochPermutation(500, 7, 2), epochPermutation(500, 7, 3));
  EXPECT_NE(epochPermutation(500, 7, 2), epochPermutation(500, 8, 2));
  std::vector<int64_t> identity(500);
  std::iota(identity.begin(), identity.end(), 0);
  EXPECT_NE(epochPermutation(500, 7, 2), identity);
}

TEST(BatchLoaderTest, PermutationsAreUniform) {
  // 24 orders of 4 items over 24000 epochs: about 1000 each; a biased
  // shuffle (e.g. swapping with any position) misses this by far more.
  std::map<std::vector<int64_t>, int> seen;
  for (int64_t epoch = 0; epoch < 24000; ++epoch)
    ++seen[epochPermutation(4, 1, epoch)];
  ASSERT_EQ(seen.size(), 24u);
  for (const auto &[order, times] : seen) {
    EXPECT_GT(times, 850);
    EXPECT_LT(times, 1150);
  }
}

TEST(BatchLoaderTest, EpochCoversTheDatasetInBatches) {
  Dataset data = numberedDataset(10);
  BatchLoader loader(data, {.batchSize = 4, .shuffle = true, .seed = 5});
  EXPECT_EQ(loader.batchesPerEpoch(), 3);
  Tensor images = loader.makeImageBatch();
  Tensor labels = loader.makeLabelBatch();
  ASSERT_EQ(images.shape(), (std::vector<int64_t>{4, 4}));

  for (int64_t epoch = 0; epoch < 3; ++epoch) {
    loader.startEpoch(epoch);
    EXPECT_EQ(loader.order(), epochPermutation(10, 5, epoch));
    std::vector<int64_t> visited;
    std::vector<int64_t> sizes;
    while (int64_t rows = loader.next(images, labels)) {
      sizes.push_back(rows);
      for (int64_t row = 0; row < rows; ++row) {
        int64_t source = std::lround(images.data<float>()[row * 4 + 3] * 100);
        EXPECT_EQ(labels.data<int32_t>()[row], source % 10);
        visited.push_back(source);
      }
      // A short batch is padded with zeros.
      for (int64_t row = rows; row < 4; ++row) {
        EXPECT_EQ(images.data<float>()[row * 4], 0.0f);
        EXPECT_EQ(labels.data<int32_t>()[row], 0);
      }
    }
    EXPECT_EQ(sizes, (std::vector<int64_t>{4, 4, 2}));
    EXPECT_EQ(visited, loader.order());
    EXPECT_EQ(std::set<int64_t>(visited.begin(), visited.end()).size(), 10u);
  }
}

TEST(BatchLoaderTest, DropLastSkipsTheShortBatch) {
  Dataset data = numberedDataset(10);
  BatchLoader loader(data, {.batchSize = 4, .dropLast = true});
  EXPECT_EQ(loader.batchesPerEpoch(), 2);
  Tensor images = loader.makeImageBatch({2, 2});
  EXPECT_EQ(images.shape(), (std::vector<int64_t>{4, 2, 2}));
  int64_t batches = 0;
  while (loader.next(images))
    ++batches;
  EXPECT_EQ(batches, 2);
}

// Three shards of a global batch of 6 each copy their third of every batch
// the unsharded loader would draw: together exactly its images, apart none
// twice; the short last batch is dropped on every shard.
TEST(BatchLoaderTest, ShardsSplitEveryGlobalBatch) {
  Dataset data = numberedDataset(20);
  BatchLoader whole(data, {.batchSize = 6, .dropLast = true, .seed = 3});
  std::vector<BatchLoader> shards;
  for (int64_t shard = 0; shard < 3; ++shard)
    shards.emplace_back(data, BatchOptions{.batchSize = 6, .seed = 3,
                                           .shard = shard, .shards = 3});
  Tensor wholeImages = whole.makeImageBatch();
  Tensor shardImages = shards[0].makeImageBatch();
  Tensor shardLabels = shards[0].makeLabelBatch();
  ASSERT_EQ(shardImages.shape(), (std::vector<int64_t>{2, 4}));
  EXPECT_EQ(shards[0].rowsPerBatch(), 2);
  EXPECT_EQ(shards[2].batchesPerEpoch(), 3);

  for (int64_t epoch = 0; epoch < 2; ++epoch) {
    whole.startEpoch(epoch);
    for (BatchLoader &shard : shards)
      shard.startEpoch(epoch);
    int64_t batches = 0;
    while (whole.next(wholeImages)) {
      ++batches;
      for (int64_t shard = 0; shard < 3; ++shard) {
        ASSERT_EQ(shards[shard].next(shardImages, shardLabels), 2);
        for (int64_t i = 0; i < 2 * 4; ++i)
          EXPECT_EQ(shardImages.data<float>()[i],
                    wholeImages.data<float>()[shard * 2 * 4 + i]);
      }
    }
    EXPECT_EQ(batches, 3);
    for (BatchLoader &shard : shards)
      EXPECT_EQ(shard.next(shardImages), 0);
  }
}

TEST(BatchLoaderTest, RejectsShardsThatDoNotSplitTheBatch) {
  Dataset data = numberedDataset(8);
  EXPECT_THROW(BatchLoader(data, {.batchSize = 5, .shards = 2}), loom::Error);
  EXPECT_THROW(BatchLoader(data, {.batchSize = 4, .shard = 2, .shards = 2}),
               loom::Error);
  EXPECT_THROW(BatchLoader(data, {.batchSize = 4, .shards = 0}), loom::Error);
}

TEST(BatchLoaderTest, WithoutShufflingKeepsFileOrder) {
  Dataset data = numberedDataset(5);
  BatchLoader loader(data, {.batchSize = 2, .shuffle = false});
  Tensor images = loader.makeImageBatch();
  Tensor labels = loader.makeLabelBatch();
  loader.startEpoch(4);
  EXPECT_EQ(loader.order(), (std::vector<int64_t>{0, 1, 2, 3, 4}));
  ASSERT_EQ(loader.next(images, labels), 2);
  ASSERT_EQ(loader.next(images, labels), 2);
  EXPECT_EQ(labels.toVector<int32_t>(), (std::vector<int32_t>{2, 3}));
  EXPECT_FLOAT_EQ(images.data<float>()[4], 0.03f);
}

TEST(BatchLoaderTest, RejectsWrongBatchTensors) {
  Dataset data = numberedDataset(5);
  EXPECT_THROW(BatchLoader(data, {.batchSize = 0}), loom::Error);
  BatchLoader loader(data, {.batchSize = 2});
  Tensor labels = loader.makeLabelBatch();
  Tensor wrongRows = Tensor::zeros({3, 4});
  Tensor wrongPixels = Tensor::zeros({2, 5});
  Tensor wrongType = Tensor::zeros({2, 4}, DType::F64);
  Tensor images = loader.makeImageBatch();
  Tensor wrongLabels = Tensor::zeros({2}, DType::I64);
  EXPECT_THROW(loader.next(wrongRows, labels), loom::Error);
  EXPECT_THROW(loader.next(wrongPixels, labels), loom::Error);
  EXPECT_THROW(loader.next(wrongType, labels), loom::Error);
  EXPECT_THROW(loader.next(images, wrongLabels), loom::Error);
}

} // namespace
