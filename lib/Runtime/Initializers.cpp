//===- Initializers.cpp - Parameter initializers --------------------------===//
#include "loom/Runtime/Initializers.h"

#include "loom/Support/CounterRNG.h"

#include <cmath>
#include <cstring>
#include <string>

namespace loom {

std::string_view initializerKindName(InitializerKind kind) {
  switch (kind) {
  case InitializerKind::Zeros:
    return "zeros";
  case InitializerKind::Ones:
    return "ones";
  case InitializerKind::Normal:
    return "normal";
  case InitializerKind::Uniform:
    return "uniform";
  case InitializerKind::XavierUniform:
    return "xavier_uniform";
  case InitializerKind::KaimingUniform:
    return "kaiming_uniform";
  }
  return "unknown";
}

Fans computeFans(const std::vector<int64_t> &shape) {
  switch (shape.size()) {
  case 0:
    return {1, 1};
  case 1:
    return {shape[0], shape[0]};
  case 2:
    return {shape[0], shape[1]};
  default: {
    int64_t receptiveField = 1;
    for (size_t i = 2; i < shape.size(); ++i)
      receptiveField *= shape[i];
    return {shape[1] * receptiveField, shape[0] * receptiveField};
  }
  }
}

namespace {

template <typename T> void fillConstant(Tensor &tensor, T value) {
  T *elements = tensor.data<T>();
  for (int64_t i = 0; i < tensor.numElements(); ++i)
    elements[i] = value;
}

void fillOnes(Tensor &tensor) {
  switch (tensor.dtype()) {
  case DType::F32:
    return fillConstant<float>(tensor, 1.0f);
  case DType::F64:
    return fillConstant<double>(tensor, 1.0);
  case DType::I1:
    return fillConstant<bool>(tensor, true);
  case DType::I32:
    return fillConstant<int32_t>(tensor, 1);
  case DType::I64:
    return fillConstant<int64_t>(tensor, 1);
  }
}

template <typename Float>
void fillUniform(Tensor &tensor, Float bound, uint64_t seed, uint64_t stream) {
  Float *elements = tensor.data<Float>();
  for (int64_t i = 0; i < tensor.numElements(); ++i) {
    Float u = rng::uniform<Float>(seed, stream, static_cast<uint64_t>(i));
    elements[i] = bound * (Float(2) * u - Float(1));
  }
}

template <typename Float>
void fillNormal(Tensor &tensor, Float stddev, uint64_t seed, uint64_t stream) {
  Float *elements = tensor.data<Float>();
  for (int64_t i = 0; i < tensor.numElements(); ++i)
    elements[i] =
        stddev * rng::normal<Float>(seed, stream, static_cast<uint64_t>(i));
}

} // namespace

Expected<void> initializeTensor(Tensor &tensor,
                                          const Initializer &initializer,
                                          uint64_t seed, uint64_t stream) {
  std::string what = std::string(initializerKindName(initializer.kind)) +
                     " initializer for " + tensor.typeString();
  switch (initializer.kind) {
  case InitializerKind::Zeros:
    if (tensor.numBytes() != 0)
      std::memset(tensor.rawData(), 0, tensor.numBytes());
    return {};
  case InitializerKind::Ones:
    fillOnes(tensor);
    return {};
  default:
    break;
  }
  if (!isFloatDType(tensor.dtype()))
    return Error(ErrorKind::InvalidArgument, "the " + what + " needs an f32 or f64 tensor");
  if (initializer.kind == InitializerKind::Normal) {
    if (tensor.dtype() == DType::F32)
      fillNormal<float>(tensor, static_cast<float>(initializer.scale), seed,
                        stream);
    else
      fillNormal<double>(tensor, initializer.scale, seed, stream);
    return {};
  }

  Fans fans = computeFans(tensor.shape());
  double bound = initializer.scale;
  if (initializer.kind == InitializerKind::XavierUniform) {
    if (fans.fanIn + fans.fanOut == 0)
      return Error(ErrorKind::InvalidArgument, "the " + what + " has fan_in + fan_out = 0");
    bound *= std::sqrt(6.0 / static_cast<double>(fans.fanIn + fans.fanOut));
  } else if (initializer.kind == InitializerKind::KaimingUniform) {
    if (fans.fanIn == 0)
      return Error(ErrorKind::InvalidArgument, "the " + what + " has fan_in = 0");
    bound *= std::sqrt(3.0 / static_cast<double>(fans.fanIn));
  }
  if (tensor.dtype() == DType::F32)
    fillUniform<float>(tensor, static_cast<float>(bound), seed, stream);
  else
    fillUniform<double>(tensor, bound, seed, stream);
  return {};
}

} // namespace loom
