//===- FashionMNISTTest.cpp - Loading Fashion-MNIST -----------------------===//
#include "loom/Data/FashionMNIST.h"

#include "TestFiles.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

using namespace loom::data;
using namespace loom::data::testing;

namespace {

std::string errorOf(const loom::Expected<Dataset> &result) {
  return result ? std::string("no error") : result.error().message();
}

/// Writes a tiny Fashion-MNIST-named split of `count` 28x28 images whose
/// pixels are all `i * 51` for image i, with labels `i % 10`.
void writeTinySplit(const TemporaryDirectory &dir, const std::string &prefix,
                    uint32_t count) {
  std::vector<uint8_t> pixels, labels;
  for (uint32_t i = 0; i < count; ++i) {
    pixels.insert(pixels.end(), 28 * 28, static_cast<uint8_t>(i * 51));
    labels.push_back(static_cast<uint8_t>(i % 10));
  }
  writeGzip(dir.file(prefix + "-images-idx3-ubyte.gz"),
            idxBytes({count, 28, 28}, pixels));
  writeGzip(dir.file(prefix + "-labels-idx1-ubyte.gz"),
            idxBytes({count}, labels));
}

TEST(FashionMNISTTest, ScalesPixelsAndKeepsLabels) {
  TemporaryDirectory dir;
  writeTinySplit(dir, "t10k", 6);
  loom::Expected<Dataset> data =
      loadFashionMNIST(Split::Test, std::nullopt, dir.directory());
  ASSERT_TRUE(data) << errorOf(data);
  EXPECT_EQ(data->size(), 6);
  EXPECT_EQ(data->images.shape(), (std::vector<int64_t>{6, 784}));
  EXPECT_EQ(data->labels.dtype(), loom::DType::I32);
  const float *pixels = data->images.data<float>();
  for (int64_t i = 0; i < 6; ++i) {
    EXPECT_FLOAT_EQ(pixels[i * 784], i * 0.2f);
    EXPECT_FLOAT_EQ(pixels[i * 784 + 783], i * 0.2f);
    EXPECT_EQ(data->labels.data<int32_t>()[i], i);
  }
}

TEST(FashionMNISTTest, LimitKeepsTheFirstImages) {
  TemporaryDirectory dir;
  writeTinySplit(dir, "train", 5);
  loom::Expected<Dataset> data =
      loadFashionMNIST(Split::Train, 2, dir.directory());
  ASSERT_TRUE(data) << errorOf(data);
  EXPECT_EQ(data->size(), 2);
  EXPECT_EQ(data->labels.toVector<int32_t>(), (std::vector<int32_t>{0, 1}));
  EXPECT_FLOAT_EQ(data->images.data<float>()[784], 0.2f);

  loom::Expected<Dataset> more =
      loadFashionMNIST(Split::Train, 100, dir.directory());
  ASSERT_TRUE(more) << errorOf(more);
  EXPECT_EQ(more->size(), 5);

  EXPECT_FALSE(loadFashionMNIST(Split::Train, -1, dir.directory()));
}

TEST(FashionMNISTTest, ViewsShareThePixels) {
  TemporaryDirectory dir;
  writeTinySplit(dir, "train", 3);
  loom::Expected<Dataset> data =
      loadFashionMNIST(Split::Train, std::nullopt, dir.directory());
  ASSERT_TRUE(data) << errorOf(data);
  loom::Tensor squares = data->imagesAs({3, 28, 28});
  EXPECT_EQ(squares.shape(), (std::vector<int64_t>{3, 28, 28}));
  EXPECT_EQ(squares.rawData(), data->images.rawData());
  EXPECT_THROW(data->imagesAs({3, 28, 27}), loom::Error);
}

TEST(FashionMNISTTest, MissingFilesSayWhatToInstall) {
  TemporaryDirectory dir;
  loom::Expected<Dataset> data =
      loadFashionMNIST(Split::Train, std::nullopt, dir.directory());
  ASSERT_FALSE(data);
  EXPECT_NE(errorOf(data).find("train-images-idx3-ubyte.gz"),
            std::string::npos);
  EXPECT_NE(errorOf(data).find("apt-get install dataset-fashion-mnist"),
            std::string::npos);
}

TEST(FashionMNISTTest, RejectsInconsistentFiles) {
  TemporaryDirectory dir;
  writeTinySplit(dir, "train", 3);
  writeGzip(dir.file("train-labels-idx1-ubyte.gz"), idxBytes({2}, {1, 2}));
  loom::Expected<Dataset> mismatch =
      loadFashionMNIST(Split::Train, std::nullopt, dir.directory());
  ASSERT_FALSE(mismatch);
  EXPECT_NE(errorOf(mismatch).find("holds 3 images but"), std::string::npos);

  writeGzip(dir.file("train-labels-idx1-ubyte.gz"), idxBytes({3}, {1, 10, 2}));
  loom::Expected<Dataset> badLabel =
      loadFashionMNIST(Split::Train, std::nullopt, dir.directory());
  ASSERT_FALSE(badLabel);
  EXPECT_NE(errorOf(badLabel).find("label 10 at index 1, outside 0..9"),
            std::string::npos);

  writeGzip(dir.file("train-labels-idx1-ubyte.gz"),
            idxBytes({3, 1}, {1, 2, 3}));
  loom::Expected<Dataset> labelShape =
      loadFashionMNIST(Split::Train, std::nullopt, dir.directory());
  ASSERT_FALSE(labelShape);
  EXPECT_NE(errorOf(labelShape).find("one label per image"), std::string::npos);

  writeGzip(dir.file("train-labels-idx1-ubyte.gz"), idxBytes({2}, {1, 2}));
  writeGzip(dir.file("train-images-idx3-ubyte.gz"),
            idxBytes({2, 4, 4}, std::vector<uint8_t>(32, 9)));
  loom::Expected<Dataset> wrongSize =
      loadFashionMNIST(Split::Train, std::nullopt, dir.directory());
  ASSERT_FALSE(wrongSize);
  EXPECT_NE(errorOf(wrongSize).find("4 x 4 pixels instead of 28 x 28"),
            std::string::npos);
}

TEST(FashionMNISTTest, ClassNames) {
  EXPECT_EQ(fashionClassName(0), "T-shirt/top");
  EXPECT_EQ(fashionClassName(9), "Ankle boot");
  EXPECT_EQ(fashionClassName(10), "unknown");
}

/// The installed data set; the figures were computed with Python's gzip
/// module from the same files.
struct RealSplit {
  Split split;
  int64_t images;
  int64_t byteSum;
  std::vector<int32_t> firstLabels;
};

class RealFashionMNISTTest : public ::testing::TestWithParam<RealSplit> {};

TEST_P(RealFashionMNISTTest, MatchesThePublishedData) {
  if (!std::filesystem::exists(kFashionMNISTDirectory))
    GTEST_SKIP() << "Fashion-MNIST is not installed (apt-get install "
                    "dataset-fashion-mnist); skipping the real-data check";
  const RealSplit &expected = GetParam();
  loom::Expected<Dataset> data = loadFashionMNIST(expected.split);
  ASSERT_TRUE(data) << errorOf(data);
  ASSERT_EQ(data->size(), expected.images);
  EXPECT_EQ(data->images.shape(), (std::vector<int64_t>{expected.images, 784}));

  std::vector<int32_t> labels = data->labels.toVector<int32_t>();
  EXPECT_EQ(std::vector<int32_t>(labels.begin(), labels.begin() + 8),
            expected.firstLabels);
  std::vector<int64_t> perClass(10, 0);
  for (int32_t label : labels) {
    ASSERT_GE(label, 0);
    ASSERT_LT(label, 10);
    ++perClass[label];
  }
  // Fashion-MNIST is balanced: a tenth of each split per class.
  for (int64_t count : perClass)
    EXPECT_EQ(count, expected.images / 10);

  const float *pixels = data->images.data<float>();
  int64_t byteSum = 0;
  float low = 1.0f, high = 0.0f;
  for (int64_t i = 0; i < data->images.numElements(); ++i) {
    low = std::min(low, pixels[i]);
    high = std::max(high, pixels[i]);
    byteSum += std::lround(pixels[i] * 255.0f);
  }
  EXPECT_EQ(low, 0.0f);
  EXPECT_EQ(high, 1.0f);
  EXPECT_EQ(byteSum, expected.byteSum);
}

INSTANTIATE_TEST_SUITE_P(
    Splits, RealFashionMNISTTest,
    ::testing::Values(
        RealSplit{Split::Train, 60000, 3431114169, {9, 0, 0, 3, 0, 2, 7, 2}},
        RealSplit{Split::Test, 10000, 573469082, {9, 2, 1, 1, 6, 1, 4, 6}}),
    [](const ::testing::TestParamInfo<RealSplit> &info) {
      return info.param.split == Split::Train ? "Train" : "Test";
    });

} // namespace
