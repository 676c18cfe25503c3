//===- InitializersTest.cpp - Parameter initializers ----------------------===//
#include "loom/Runtime/Initializers.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

using loom::DType;
using loom::Initializer;
using loom::InitializerKind;
using loom::Tensor;

namespace {

/// The generator as the comment of loom/Support/CounterRNG.h specifies it,
/// written out again here so the runtime's results are checked against the
/// specification, not against that header's code.
uint64_t specMix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}
double specUniform(uint64_t seed, uint64_t stream, uint64_t index) {
  uint64_t key = specMix(seed ^ (stream * 0x9E3779B97F4A7C15ULL));
  uint64_t bits = specMix(key + index * 0x9E3779B97F4A7C15ULL);
  return static_cast<double>(bits >> 40) / 16777216.0;
}

struct Statistics {
  double mean = 0, variance = 0, minimum = 0, maximum = 0;
};

template <typename T> Statistics statisticsOf(const Tensor &tensor) {
  std::vector<T> values = tensor.toVector<T>();
  Statistics stats;
  stats.minimum = *std::min_element(values.begin(), values.end());
  stats.maximum = *std::max_element(values.begin(), values.end());
  for (T value : values)
    stats.mean += value;
  stats.mean /= values.size();
  for (T value : values)
    stats.variance += (value - stats.mean) * (value - stats.mean);
  stats.variance /= values.size();
  return stats;
}

Tensor initialized(std::vector<int64_t> shape, DType dtype,
                   Initializer initializer, uint64_t seed = 7,
                   uint64_t stream = 0) {
  Tensor tensor = Tensor::zeros(std::move(shape), dtype);
  auto result = loom::initializeTensor(tensor, initializer, seed, stream);
  EXPECT_TRUE(result) << result.error().message();
  return tensor;
}

/// U(-b, b): inside the bound, reaching close to it, mean 0, variance b^2/3.
void expectUniform(const Statistics &stats, double bound) {
  EXPECT_GE(stats.minimum, -bound);
  EXPECT_LT(stats.maximum, bound);
  EXPECT_GT(stats.maximum, 0.99 * bound);
  EXPECT_LT(stats.minimum, -0.99 * bound);
  EXPECT_NEAR(stats.mean, 0.0, 0.01 * bound);
  EXPECT_NEAR(stats.variance, bound * bound / 3, 0.02 * bound * bound / 3);
}

TEST(InitializersTest, FansFollowTheDSLWeightLayouts) {
  auto fans = [](std::vector<int64_t> shape) {
    loom::Fans result = loom::computeFans(shape);
    return std::make_pair(result.fanIn, result.fanOut);
  };
  EXPECT_EQ(fans({}), std::make_pair(int64_t(1), int64_t(1)));
  EXPECT_EQ(fans({10}), std::make_pair(int64_t(10), int64_t(10)));
  EXPECT_EQ(fans({784, 400}), std::make_pair(int64_t(784), int64_t(400)));
  EXPECT_EQ(fans({16, 3, 5, 5}), std::make_pair(int64_t(75), int64_t(400)));
}

TEST(InitializersTest, ZerosAndOnesFillEveryDType) {
  Tensor ones = initialized({3, 2}, DType::F32, {InitializerKind::Ones, 0});
  EXPECT_EQ(ones.toVector<float>(), std::vector<float>(6, 1.0f));
  Tensor integerOnes = initialized({4}, DType::I64, {InitializerKind::Ones, 0});
  EXPECT_EQ(integerOnes.toVector<int64_t>(), std::vector<int64_t>(4, 1));
  Tensor zeros = Tensor::fromVector<double>({2}, {5, 6});
  ASSERT_TRUE(loom::initializeTensor(zeros, {InitializerKind::Zeros, 3}, 1, 0));
  EXPECT_EQ(zeros.toVector<double>(), (std::vector<double>{0, 0}));
}

TEST(InitializersTest, UniformMatchesTheSpecification) {
  Tensor tensor = initialized({256, 512}, DType::F32,
                              {InitializerKind::Uniform, 0.5}, /*seed=*/11,
                              /*stream=*/3);
  const float *values = tensor.data<float>();
  for (uint64_t i : {0, 1, 2, 1000, 131071}) {
    double expected = 0.5 * (2 * specUniform(11, 3, i) - 1);
    EXPECT_NEAR(values[i], expected, 1e-6) << "element " << i;
  }
  expectUniform(statisticsOf<float>(tensor), 0.5);
}

TEST(InitializersTest, XavierUniformBound) {
  double bound = 1.5 * std::sqrt(6.0 / (256 + 512));
  expectUniform(statisticsOf<float>(initialized(
                    {256, 512}, DType::F32, {InitializerKind::XavierUniform, 1.5})),
                bound);
}

TEST(InitializersTest, KaimingUniformBoundUsesFanIn) {
  double bound = std::sqrt(2.0) * std::sqrt(3.0 / (64 * 3 * 3));
  expectUniform(statisticsOf<double>(
                    initialized({256, 64, 3, 3}, DType::F64,
                                {InitializerKind::KaimingUniform, std::sqrt(2.0)})),
                bound);
}

TEST(InitializersTest, NormalHasTheRequestedStandardDeviation) {
  for (DType dtype : {DType::F32, DType::F64}) {
    Tensor tensor =
        initialized({400, 300}, dtype, {InitializerKind::Normal, 0.02});
    Statistics stats = dtype == DType::F32 ? statisticsOf<float>(tensor)
                                           : statisticsOf<double>(tensor);
    EXPECT_NEAR(stats.mean, 0.0, 0.0005);
    EXPECT_NEAR(std::sqrt(stats.variance), 0.02, 0.0004);
    // 120000 draws of a normal almost surely exceed 3.5 sigma, never 6.
    EXPECT_GT(stats.maximum, 3.5 * 0.02);
    EXPECT_LT(stats.maximum, 6 * 0.02);
  }
}

TEST(InitializersTest, StreamsAndSeedsGiveIndependentNumbers) {
  Initializer uniform{InitializerKind::Uniform, 1};
  Tensor a = initialized({64}, DType::F32, uniform, 5, 0);
  Tensor again = initialized({64}, DType::F32, uniform, 5, 0);
  Tensor otherStream = initialized({64}, DType::F32, uniform, 5, 1);
  Tensor otherSeed = initialized({64}, DType::F32, uniform, 6, 0);
  EXPECT_EQ(a.toVector<float>(), again.toVector<float>());
  EXPECT_NE(a.toVector<float>(), otherStream.toVector<float>());
  EXPECT_NE(a.toVector<float>(), otherSeed.toVector<float>());
}

TEST(InitializersTest, RejectsWhatCannotBeInitialized) {
  Tensor labels = Tensor::zeros({4}, DType::I32);
  auto integer = loom::initializeTensor(labels, {InitializerKind::Normal, 1}, 0, 0);
  ASSERT_FALSE(integer);
  EXPECT_EQ(integer.error().message(),
            "the normal initializer for tensor<4xi32> needs an f32 or f64 tensor");
  Tensor empty = Tensor::zeros({0, 4}, DType::F32);
  auto noFan =
      loom::initializeTensor(empty, {InitializerKind::KaimingUniform, 1}, 0, 0);
  ASSERT_FALSE(noFan);
  EXPECT_NE(noFan.error().message().find("fan_in = 0"), std::string::npos);
}

} // namespace
