//===- Limits.h - The largest inputs Loom accepts ---------------*- C++ -*-===//
//
// Inputs beyond these limits are reported as errors up front, instead of
// failing later as a crash or an allocation failure.
//
// Tensors: 2^47 bytes (128 TiB), the user address space of x86-64 and of
// AArch64 with 48-bit virtual addresses, shared by the compiler (every shaped
// type of a module is checked before lowering) and the runtime (every buffer
// a loom::Tensor allocates). A larger tensor could never be allocated, and
// below the limit every size, stride and byte offset the lowered code
// computes fits in int64 with room to spare. Zero dimensions count as 1 here:
// an empty tensor<0x2^50xf32> holds nothing, but its lowered strides would
// still be out of range.
//
// Source text: brackets ( [ { < nested at most 256 deep. MLIR's parser
// recurses once per level, about 3 KB of stack each: a few thousand levels
// overflow an 8 MB stack. Real loom IR nests a handful of levels.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_SUPPORT_LIMITS_H
#define LOOM_SUPPORT_LIMITS_H

#include <cstdint>
#include <limits>
#include <string>

namespace loom {

inline constexpr uint64_t kMaxTensorBytes = uint64_t{1} << 47;
inline constexpr int kMaxNestingDepth = 256;

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
