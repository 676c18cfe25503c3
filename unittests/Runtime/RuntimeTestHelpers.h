//===- RuntimeTestHelpers.h - Random inputs and the reference oracle -------===//
#ifndef LOOM_UNITTESTS_RUNTIME_RUNTIMETESTHELPERS_H
#define LOOM_UNITTESTS_RUNTIME_RUNTIMETESTHELPERS_H

#include "loom/Reference/Evaluator.h"
#include "loom/Runtime/Tensor.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace loom::testing {

/// An f32 tensor of uniform numbers in [low, high).
inline reference::RefTensor uniformTensor(std::mt19937_64 &engine,
                                          std::vector<int64_t> shape,
                                          double low = -1, double high = 1) {
  std::uniform_real_distribution<double> distribution(low, high);
  int64_t count = 1;
  for (int64_t size : shape)
    count *= size;
  std::vector<double> values(count);
  for (double &value : values)
    value = distribution(engine);
  return reference::RefTensor::floating(reference::ElementKind::F32,
                                        std::move(shape), std::move(values));
}

/// The same f32 values as a runtime tensor.
inline Tensor toRuntime(const reference::RefTensor &ref) {
  return Tensor::fromVector<float>(
      ref.shape, std::vector<float>(ref.floats.begin(), ref.floats.end()));
}

/// Fails unless `got` matches `want` to `tolerance`, relative and absolute;
/// reports at most 8 elements.
inline void expectNear(const Tensor &got, const reference::RefTensor &want,
                       double tolerance) {
  ASSERT_EQ(got.shape(), want.shape);
  int64_t failures = 0;
  for (int64_t i = 0; i < want.numElements(); ++i) {
    double expected = want.asDouble(i);
    double actual = got.elementAsDouble(i);
    if (!(std::fabs(actual - expected) <=
          tolerance + tolerance * std::fabs(expected)) &&
        failures++ < 8)
      ADD_FAILURE() << "element " << i << ": jit " << actual << ", reference "
                    << expected;
  }
  EXPECT_EQ(failures, 0);
}

} // namespace loom::testing

#endif
