//===- NonFiniteReport.h - How compiled checks reach the runtime -*- C++ -*-===//
//
// The contract between the lowering of `loom.check_finite` (in
// convert-loom-to-linalg) and the runtime that scans the checked values. A
// lowered check passes its `id` and the checked buffer as an unranked memref,
// in MLIR's calling convention for `memref<*xT>` arguments (the rank, then a
// pointer to the ranked descriptor {T *allocated, T *aligned, int64 offset,
// int64 sizes[rank], int64 strides[rank]}):
//
//   void loomCheckFiniteF32(int64_t id, int64_t rank, void *descriptor);
//   void loomCheckFiniteF64(int64_t id, int64_t rank, void *descriptor);
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_SUPPORT_NONFINITEREPORT_H
#define LOOM_SUPPORT_NONFINITEREPORT_H

namespace loom {

inline constexpr const char *kCheckFiniteF32Function = "loomCheckFiniteF32";
inline constexpr const char *kCheckFiniteF64Function = "loomCheckFiniteF64";

} // namespace loom

#endif
