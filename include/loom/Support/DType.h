//===- DType.h - Element types of loom tensors ------------------*- C++ -*-===//
//
// The element types a loom::Tensor can hold: exactly the element types of the
// loom dialect. `I1` is stored as one byte per element (0 or 1), which is how
// the compiled code reads and writes `i1` memrefs.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_SUPPORT_DTYPE_H
#define LOOM_SUPPORT_DTYPE_H

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace loom {

enum class DType { F32, F64, I1, I32, I64 };

/// The MLIR spelling: "f32", "f64", "i1", "i32", "i64".
constexpr std::string_view dtypeName(DType dtype) {
  switch (dtype) {
  case DType::F32:
    return "f32";
  case DType::F64:
    return "f64";
  case DType::I1:
    return "i1";
  case DType::I32:
    return "i32";
  case DType::I64:
    return "i64";
  }
  return "unknown";
}

/// Bytes per element.
constexpr size_t dtypeSize(DType dtype) {
  switch (dtype) {
  case DType::F32:
  case DType::I32:
    return 4;
  case DType::F64:
  case DType::I64:
    return 8;
  case DType::I1:
    return 1;
  }
  return 0;
}

constexpr bool isFloatDType(DType dtype) {
  return dtype == DType::F32 || dtype == DType::F64;
}

/// The C++ element type of each DType: float, double, bool, int32_t, int64_t.
template <typename T> struct DTypeOf;
template <> struct DTypeOf<float> {
  static constexpr DType value = DType::F32;
};
template <> struct DTypeOf<double> {
  static constexpr DType value = DType::F64;
};
template <> struct DTypeOf<bool> {
  static constexpr DType value = DType::I1;
};
template <> struct DTypeOf<int32_t> {
  static constexpr DType value = DType::I32;
};
template <> struct DTypeOf<int64_t> {
  static constexpr DType value = DType::I64;
};
template <typename T> inline constexpr DType dtypeOf = DTypeOf<T>::value;

} // namespace loom

#endif
