//===- TensorLimits.h - The largest tensor Loom accepts ---------*- C++ -*-===//
//
// One limit, shared by the compiler (every tensor type of a module is checked
// before lowering) and the runtime (every buffer a loom::Tensor allocates):
// 2^47 bytes (128 TiB), the user address space of x86-64 and of AArch64 with
// 48-bit virtual addresses. A larger tensor could never be allocated, and
// below the limit every size, stride and byte offset the lowered code computes
// fits in int64 with room to spare.
//
// Zero dimensions count as 1 here: an empty tensor<0x2^50xf32> holds nothing,
// but its lowered strides would still be out of range.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_SUPPORT_TENSORLIMITS_H
#define LOOM_SUPPORT_TENSORLIMITS_H

#include <cstdint>
#include <limits>
#include <string>

namespace loom {

inline constexpr uint64_t kMaxTensorBytes = uint64_t{1} << 47;

/// The bytes spanned by a row-major tensor with dimensions `shape` (a range
/// of non-negative int64_t) and `elementBytes`-byte elements, zero dimensions
/// counted as 1; UINT64_MAX when that overflows 64 bits.
template <typename Shape>
constexpr uint64_t tensorSpanBytes(const Shape &shape, uint64_t elementBytes) {
  uint64_t bytes = elementBytes;
  for (int64_t dim : shape) {
    auto extent = static_cast<uint64_t>(dim > 1 ? dim : 1);
    if (__builtin_mul_overflow(bytes, extent, &bytes))
      return std::numeric_limits<uint64_t>::max();
  }
  return bytes;
}

/// A byte count from tensorSpanBytes for messages: "4000000000000000 bytes",
/// or "more than 2^64 bytes" when it overflowed.
inline std::string tensorSizeText(uint64_t bytes) {
  if (bytes == std::numeric_limits<uint64_t>::max())
    return "more than 2^64 bytes";
  return std::to_string(bytes) + " bytes";
}

/// The clause every too-large diagnostic ends with.
inline std::string tensorLimitText() {
  return "one tensor may have at most " + std::to_string(kMaxTensorBytes) +
         " bytes (2^47, 128 TiB)";
}

} // namespace loom

#endif
