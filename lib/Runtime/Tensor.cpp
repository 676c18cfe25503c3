//===- Tensor.cpp - Host tensors ------------------------------------------===//
#include "loom/Runtime/Tensor.h"

#include "loom/Support/Limits.h"

#include <cstdlib>
#include <cstring>
#include <limits>

namespace loom {

std::string tensorTypeString(const std::vector<int64_t> &shape, DType dtype) {
  std::string text = "tensor<";
  for (int64_t dim : shape)
    text += std::to_string(dim) + "x";
  text += dtypeName(dtype);
  text += ">";
  return text;
}

int64_t shapeElementCount(const std::vector<int64_t> &shape) {
  int64_t count = 1;
  for (int64_t dim : shape) {
    if (dim < 0)
      throw Error(ErrorKind::InvalidArgument, "tensor shape has a negative dimension: " +
                  tensorTypeString(shape, DType::F32));
    if (dim != 0 && count > std::numeric_limits<int64_t>::max() / 8 / dim)
      throw Error(ErrorKind::InvalidArgument, "tensor shape has too many elements");
    count *= dim;
  }
  return count;
}

Tensor::Tensor(std::vector<int64_t> shape, DType dtype,
               std::shared_ptr<void> buffer, bool borrowed)
    : dims(std::move(shape)), elementType(dtype),
      elementCount(shapeElementCount(dims)), buffer(std::move(buffer)),
      borrowed(borrowed) {}

Tensor Tensor::zeros(std::vector<int64_t> shape, DType dtype) {
  size_t bytes = static_cast<size_t>(shapeElementCount(shape)) * dtypeSize(dtype);
  uint64_t span = tensorSpanBytes(shape, dtypeSize(dtype));
  if (span > kMaxTensorBytes)
    throw Error(ErrorKind::InvalidArgument, "cannot allocate " + tensorTypeString(shape, dtype) + " of " +
                tensorSizeText(span) + "; " + tensorLimitText());
  // Never zero bytes, so even an empty tensor has a distinct aligned address.
  size_t allocated =
      (bytes + kTensorAlignment - 1) / kTensorAlignment * kTensorAlignment;
  if (allocated == 0)
    allocated = kTensorAlignment;
  void *memory = std::aligned_alloc(kTensorAlignment, allocated);
  if (!memory)
    throw Error(ErrorKind::OutOfMemory, "out of memory: cannot allocate " + std::to_string(bytes) +
                " bytes for " + tensorTypeString(shape, dtype));
  std::memset(memory, 0, allocated);
  return Tensor(std::move(shape), dtype,
                std::shared_ptr<void>(memory, [](void *p) { std::free(p); }),
                /*borrowed=*/false);
}

Tensor Tensor::borrow(void *data, std::vector<int64_t> shape, DType dtype) {
  int64_t count = shapeElementCount(shape);
  if (!data && count != 0)
    throw Error(ErrorKind::InvalidArgument, "cannot borrow a null pointer as " +
                tensorTypeString(shape, dtype));
  if (reinterpret_cast<uintptr_t>(data) % dtypeSize(dtype) != 0)
    throw Error(ErrorKind::InvalidArgument, "borrowed data for " + tensorTypeString(shape, dtype) +
                " is not aligned to its " + std::to_string(dtypeSize(dtype)) +
                "-byte elements");
  return Tensor(std::move(shape), dtype,
                std::shared_ptr<void>(data, [](void *) {}), /*borrowed=*/true);
}

double Tensor::elementAsDouble(int64_t index) const {
  switch (elementType) {
  case DType::F32:
    return data<float>()[index];
  case DType::F64:
    return data<double>()[index];
  case DType::I1:
    return data<bool>()[index] ? 1.0 : 0.0;
  case DType::I32:
    return data<int32_t>()[index];
  case DType::I64:
    return static_cast<double>(data<int64_t>()[index]);
  }
  return 0.0;
}

Tensor Tensor::clone() const {
  Tensor copy = zeros(dims, elementType);
  if (numBytes() != 0)
    std::memcpy(copy.rawData(), rawData(), numBytes());
  return copy;
}

std::string Tensor::typeString() const {
  return tensorTypeString(dims, elementType);
}

void Tensor::checkAccess(DType requested) const {
  if (requested != elementType)
    throw Error(ErrorKind::InvalidArgument, "cannot access " + typeString() + " as " +
                std::string(dtypeName(requested)) + " elements");
}

void Tensor::checkElementCount(size_t count) const {
  if (count != static_cast<size_t>(elementCount))
    throw Error(ErrorKind::InvalidArgument, std::to_string(count) + " values given for " + typeString() +
                ", which has " + std::to_string(elementCount) + " elements");
}

} // namespace loom
