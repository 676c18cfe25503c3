//===- LoomCodegenAttrs.cpp - Verifiers of the code generation attributes -===//
#include "loom/Dialect/Loom/IR/LoomOps.h"

#include "llvm/ADT/SmallSet.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;

namespace loom {

LogicalResult
CPUTargetAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                      unsigned vectorBits, unsigned vectorRegisters,
                      unsigned fmaUnits, uint64_t l1Cache, uint64_t l2Cache,
                      uint64_t l3Cache) {
  if (vectorBits < 128 || !llvm::isPowerOf2_32(vectorBits))
    return emitError() << "vector_bits must be a power of two of at least "
                          "128, got "
                       << vectorBits;
  if (vectorRegisters == 0 || fmaUnits == 0)
    return emitError() << "vector_registers and fma_units must be positive";
  if (l1Cache == 0 || l2Cache == 0 || l3Cache == 0)
    return emitError() << "cache sizes must be positive";
  return success();
}

LogicalResult
GPUTargetAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                      unsigned sm, unsigned warpSize,
                      unsigned maxThreadsPerBlock,
                      uint64_t sharedMemoryPerBlock) {
  if (sm < 50)
    return emitError() << "sm must be a compute capability of at least 50, "
                          "got "
                       << sm;
  if (warpSize == 0 || !llvm::isPowerOf2_32(warpSize))
    return emitError() << "warp_size must be a power of two, got " << warpSize;
  if (maxThreadsPerBlock == 0 || maxThreadsPerBlock % warpSize != 0)
    return emitError() << "max_threads_per_block must be a positive multiple "
                          "of warp_size, got "
                       << maxThreadsPerBlock;
  if (sharedMemoryPerBlock == 0)
    return emitError() << "shared_memory_per_block must be positive";
  return success();
}

LogicalResult LoweringConfigAttr::verify(
    function_ref<InFlightDiagnostic()> emitError,
    ArrayRef<int64_t> distributionTiles, ArrayRef<int64_t> cacheTiles,
    ArrayRef<int64_t> packTiles, ArrayRef<int64_t> registerTiles, ArrayRef<int64_t> reductionTiles,
    ArrayRef<int64_t> vectorSizes, ConvAlgorithm, bool,
    ArrayRef<int64_t> fusedProducers, ArrayRef<int64_t> threadTiles,
    ArrayRef<int64_t> warpTiles, ArrayRef<int64_t> padMultiples) {
  std::pair<StringLiteral, ArrayRef<int64_t>> levels[] = {
      {"distribution_tiles", distributionTiles},
      {"cache_tiles", cacheTiles},
      {"pack_tiles", packTiles},
      {"register_tiles", registerTiles},
      {"reduction_tiles", reductionTiles},
      {"vector_sizes", vectorSizes},
      {"thread_tiles", threadTiles},
      {"warp_tiles", warpTiles},
      {"pad_multiples", padMultiples}};
  std::optional<size_t> loops;
  for (auto [name, sizes] : levels) {
    if (sizes.empty())
      continue;
    if (llvm::any_of(sizes, [](int64_t size) { return size < 0; }))
      return emitError() << name << " must not be negative";
    if (loops && *loops != sizes.size())
      return emitError() << name << " has " << sizes.size()
                         << " entries where the other sizes have " << *loops
                         << " (one per loop)";
    loops = sizes.size();
  }
  if (!threadTiles.empty() && !warpTiles.empty())
    return emitError() << "an op has thread_tiles or warp_tiles, not both";
  if (!warpTiles.empty() && vectorSizes.empty())
    return emitError() << "warp_tiles need vector_sizes (the shape of one "
                          "tensor-core instruction)";
  if (llvm::is_contained(vectorSizes, 0))
    return emitError() << "vector_sizes must be positive";
  llvm::SmallSet<int64_t, 4> seen;
  for (int64_t operand : fusedProducers)
    if (operand < 0 || !seen.insert(operand).second)
      return emitError() << "fused_producers must be distinct operand numbers";
  return success();
}

} // namespace loom
