//===- Tensor.h - Host tensors passed to and from compiled code -*- C++ -*-===//
//
// A loom::Tensor is a shape, an element type and a row-major (C order) host
// buffer. Owning tensors allocate their buffer 64-byte aligned (one AVX-512
// vector, one cache line) and zero-filled. Borrowed tensors wrap memory the
// caller owns and keeps alive; nothing is copied.
//
// Copying a Tensor copies the handle, not the elements: copies share one
// buffer, like a shared_ptr. `clone()` makes an independent owning copy.
//
// Invalid requests (a negative dimension, a value count that does not match
// the shape, typed access with the wrong C++ type) throw loom::Error, and so
// does allocating more than kMaxTensorBytes (loom/Support/Limits.h) or
// more than the system gives.
//
// Threads: tensors may be read from several threads at once; copies share
// one buffer, so writing it while another thread reads or writes it needs the
// caller's own synchronization.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_RUNTIME_TENSOR_H
#define LOOM_RUNTIME_TENSOR_H

#include "loom/Support/DType.h"
#include "loom/Support/Error.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace loom {

/// Alignment of every buffer a Tensor allocates.
inline constexpr size_t kTensorAlignment = 64;

class Tensor {
public:
  /// An owning tensor with every element zero (false for i1).
  static Tensor zeros(std::vector<int64_t> shape, DType dtype = DType::F32);

  /// An owning tensor filled with `values`, in row-major order.
  template <typename T>
  static Tensor fromVector(std::vector<int64_t> shape,
                           const std::vector<T> &values) {
    Tensor tensor = zeros(std::move(shape), dtypeOf<T>);
    tensor.checkElementCount(values.size());
    T *destination = tensor.data<T>();
    for (size_t i = 0; i < values.size(); ++i)
      destination[i] = values[i];
    return tensor;
  }

  /// An owning rank-0 tensor.
  template <typename T> static Tensor scalar(T value) {
    return fromVector<T>({}, {value});
  }

  /// Wraps `data`, which the caller keeps alive while the tensor or any copy
  /// of it is used. `data` must be aligned to the element size and may be null
  /// only when the shape has no elements.
  static Tensor borrow(void *data, std::vector<int64_t> shape, DType dtype);

  const std::vector<int64_t> &shape() const { return dims; }
  int64_t rank() const { return static_cast<int64_t>(dims.size()); }
  DType dtype() const { return elementType; }
  int64_t numElements() const { return elementCount; }
  size_t numBytes() const {
    return static_cast<size_t>(elementCount) * dtypeSize(elementType);
  }
  bool isBorrowed() const { return borrowed; }

  void *rawData() { return buffer.get(); }
  const void *rawData() const { return buffer.get(); }

  /// The elements as `T`, which must match the dtype (see DTypeOf).
  template <typename T> T *data() {
    checkAccess(dtypeOf<T>);
    return static_cast<T *>(rawData());
  }
  template <typename T> const T *data() const {
    checkAccess(dtypeOf<T>);
    return static_cast<const T *>(rawData());
  }

  /// A copy of the elements in row-major order.
  template <typename T> std::vector<T> toVector() const {
    const T *elements = data<T>();
    return std::vector<T>(elements, elements + elementCount);
  }

  /// Element `index` (row-major) as a double, whatever the dtype: for
  /// printing and comparing. Exact except for i64 beyond 2^53.
  double elementAsDouble(int64_t index) const;

  /// An owning, 64-byte aligned deep copy.
  Tensor clone() const;

  /// The MLIR spelling of this tensor's type, e.g. "tensor<2x3xf32>".
  std::string typeString() const;

private:
  Tensor(std::vector<int64_t> shape, DType dtype, std::shared_ptr<void> buffer,
         bool borrowed);
  void checkAccess(DType requested) const;
  void checkElementCount(size_t count) const;

  std::vector<int64_t> dims;
  DType elementType;
  int64_t elementCount;
  std::shared_ptr<void> buffer;
  bool borrowed;
};

/// "tensor<2x3xf32>" for a shape and element type.
std::string tensorTypeString(const std::vector<int64_t> &shape, DType dtype);

/// The number of elements of `shape`; throws loom::Error for a negative
/// dimension or an element count that overflows.
int64_t shapeElementCount(const std::vector<int64_t> &shape);

} // namespace loom

#endif
