//===- CounterRNG.h - Counter-based random numbers --------------*- C++ -*-===//
//
// The one specification of Loom's random numbers. Element `i` (the row-major
// linear index) of a random tensor is a pure function of (seed, stream, i), so
// the numbers do not depend on tiling, vector width or thread count. The
// compiler's lowering (convert-loom-to-linalg), the runtime's parameter
// initializers and the reference evaluator all implement exactly this:
//
//   mix64(z):   z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
//               z = (z ^ (z >> 27)) * 0x94D049BB133111EB
//               return z ^ (z >> 31)                       (uint64 wraparound)
//   key(seed, stream)     = mix64(seed ^ (stream * 0x9E3779B97F4A7C15))
//   bits(seed, stream, i) = mix64(key(seed, stream) + i * 0x9E3779B97F4A7C15)
//   uniform(i) = (bits >> 40) * 2^-24        in [0, 1); the same 24-bit value
//                                            for f32 and f64 results
//   normal(i):  h = bits
//               u1 = ((h >> 40) + 1) * 2^-24                (in (0, 1])
//               u2 = ((h >> 16) & 0xFFFFFF) * 2^-24         (in [0, 1))
//               z = sqrt(-2 ln u1) * cos(2 pi u2)   in the result's float type
//
// Seeds and streams are 64-bit patterns: a signed i64 seed is reinterpreted.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_SUPPORT_COUNTERRNG_H
#define LOOM_SUPPORT_COUNTERRNG_H

#include <cmath>
#include <cstdint>

namespace loom::rng {
/// 2^64 / golden ratio: the Weyl increment between streams and between indices.
inline constexpr uint64_t kGoldenGamma = 0x9E3779B97F4A7C15ULL;
inline constexpr uint64_t kMixMultiplier1 = 0xBF58476D1CE4E5B9ULL;
inline constexpr uint64_t kMixMultiplier2 = 0x94D049BB133111EBULL;
/// 2^-24: scales a 24-bit integer into [0, 1) exactly in f32 and f64.
inline constexpr double kInv2Pow24 = 1.0 / 16777216.0;
inline constexpr double kTwoPi = 6.283185307179586476925286766559;

/// SplitMix64's finalizer: a bijective avalanche of 64 bits.
constexpr uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * kMixMultiplier1;
  z = (z ^ (z >> 27)) * kMixMultiplier2;
  return z ^ (z >> 31);
}

/// The per-(seed, stream) key.
constexpr uint64_t key(uint64_t seed, uint64_t stream) {
  return mix64(seed ^ (stream * kGoldenGamma));
}

/// The 64 random bits of element `index`.
constexpr uint64_t bits(uint64_t seed, uint64_t stream, uint64_t index) {
  return mix64(key(seed, stream) + index * kGoldenGamma);
}

/// Uniform in [0, 1): the top 24 bits, scaled. `Float` is float or double.
template <typename Float>
constexpr Float uniform(uint64_t seed, uint64_t stream, uint64_t index) {
  return static_cast<Float>(bits(seed, stream, index) >> 40) *
         static_cast<Float>(kInv2Pow24);
}

/// Standard normal by Box-Muller on two 24-bit uniforms of one draw,
/// computed in `Float` (float or double).
template <typename Float>
inline Float normal(uint64_t seed, uint64_t stream, uint64_t index) {
  uint64_t h = bits(seed, stream, index);
  Float u1 = static_cast<Float>((h >> 40) + 1) * static_cast<Float>(kInv2Pow24);
  Float u2 = static_cast<Float>((h >> 16) & 0xFFFFFFULL) *
             static_cast<Float>(kInv2Pow24);
  Float radius = std::sqrt(static_cast<Float>(-2) * std::log(u1));
  return radius * std::cos(static_cast<Float>(kTwoPi) * u2);
}
} // namespace loom::rng

#endif
