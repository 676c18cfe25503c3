//===- Collectives.h - How compiled collectives reach the runtime -*- C++ -*-===//
//
// The contract between the lowering of `loom.all_reduce` (in
// convert-loom-to-linalg) and the runtime's communicators
// (loom/Runtime/Communicator.h). A lowered all-reduce packs its operands, one
// after another in row-major order, into one contiguous 1-D buffer (the
// bucket), calls
//
//   void loomAllReduceF32(int64_t communicator, int64_t kind,
//                         int64_t rank, void *descriptor);
//   void loomAllReduceF64(int64_t communicator, int64_t kind,
//                         int64_t rank, void *descriptor);
//
// which reduces the bucket in place across the ranks, and reads its results
// back out of it. `communicator` is a handle of Communicator::handle(), `kind`
// a CollectiveReductionCode, and (rank, descriptor) the bucket as an unranked
// memref in MLIR's calling convention (rank 1; descriptor = {T *allocated,
// T *aligned, int64 offset, int64 size, int64 stride}).
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_SUPPORT_COLLECTIVES_H
#define LOOM_SUPPORT_COLLECTIVES_H

#include <cstdint>

namespace loom {

inline constexpr const char *kAllReduceF32Function = "loomAllReduceF32";
inline constexpr const char *kAllReduceF64Function = "loomAllReduceF64";

/// The `kind` argument: the values of the dialect's CollectiveReduction.
enum class CollectiveReductionCode : int64_t { Sum = 0, Mean = 1 };

} // namespace loom

#endif
