//===- CPUTarget.h - What the CPU code generator targets --------*- C++ -*-===//
//
// The facts about a CPU that the CPU lowering strategy reads (vector width,
// register count, FMA units, cache sizes) and the LLVM names that select its
// instructions. loom::describeCPU (Target) fills one from LLVM's description of
// a CPU name; the defaults are a generic AVX-512 core.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_CODEGEN_CPU_CPUTARGET_H
#define LOOM_CODEGEN_CPU_CPUTARGET_H

#include <cstdint>
#include <string>

namespace loom {

struct CPUTarget {
  /// LLVM target triple, e.g. "x86_64-unknown-linux-gnu"; empty: the host's.
  std::string triple;
  /// LLVM CPU name, e.g. "znver4" or "x86-64-v3"; empty: the host's.
  std::string cpu;
  /// LLVM feature string, e.g. "+avx2,+fma"; empty: the CPU's defaults.
  std::string features;
  /// Widest vector register the generated code may use.
  unsigned vectorBits = 512;
  /// Vector registers the ISA names (16 for AVX2, 32 for AVX-512).
  unsigned vectorRegisters = 32;
  /// Vector FMA instructions a core can start per cycle.
  unsigned fmaUnits = 2;
  /// Per-core level-1 data and level-2 caches, and the shared level 3.
  uint64_t l1DataCacheBytes = 32 * 1024;
  uint64_t l2CacheBytes = 1024 * 1024;
  uint64_t l3CacheBytes = 32 * 1024 * 1024;
};

} // namespace loom

#endif
