//===- NonFiniteReport.h - How compiled checks report NaN and Inf -*- C++ -*-===//
//
// The contract between the lowering of `loom.check_finite` (in
// convert-loom-to-linalg) and the runtime that receives its reports. A
// lowered check calls
//
//   void loomReportNonFinite(int64_t id, int64_t key);
//
// once per run, with the check's `id` and the smallest key over the checked
// tensor's elements: a non-finite element at row-major index `i` has key
// `i * kNonFiniteKindCount + kind`, every other element kAllFiniteKey. The
// minimum is independent of the order in which elements are visited, so
// tiling and vectorization do not change the report.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_SUPPORT_NONFINITEREPORT_H
#define LOOM_SUPPORT_NONFINITEREPORT_H

#include <cstdint>
#include <limits>

namespace loom {

inline constexpr const char *kReportNonFiniteFunction = "loomReportNonFinite";

enum class NonFiniteKind : int64_t { NaN = 0, PositiveInf = 1, NegativeInf = 2 };
inline constexpr int64_t kNonFiniteKindCount = 4;
inline constexpr int64_t kAllFiniteKey = std::numeric_limits<int64_t>::max();

} // namespace loom

#endif
