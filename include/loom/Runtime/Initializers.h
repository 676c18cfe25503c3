//===- Initializers.h - Parameter initializers ------------------*- C++ -*-===//
//
// How the runtime fills a parameter described by `#loom.init<kind, scale>`.
// Random kinds draw from the counter-based generator of
// loom/Support/CounterRNG.h, so element i of a parameter depends only on
// (seed, stream, i):
//
//   zeros, ones                 every element 0 or 1 (scale ignored)
//   normal                      scale * N(0, 1)
//   uniform                     U(-b, b), b = scale
//   xavier_uniform              U(-b, b), b = scale * sqrt(6 / (fan_in + fan_out))
//   kaiming_uniform             U(-b, b), b = scale * sqrt(3 / fan_in)
//
// U(-b, b) is b * (2u - 1) with u = uniform(seed, stream, i), computed in the
// tensor's float type. Fans follow the weight layouts of the DSL (see
// `computeFans`).
//
// Threads: safe from several threads; each call writes only its own tensor.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_RUNTIME_INITIALIZERS_H
#define LOOM_RUNTIME_INITIALIZERS_H

#include "loom/Runtime/Tensor.h"
#include "loom/Support/Error.h"

#include <cstdint>
#include <string_view>
#include <variant>
#include <vector>

namespace loom {

/// Mirrors the dialect's `InitKind` without depending on MLIR.
enum class InitializerKind {
  Zeros,
  Ones,
  Normal,
  Uniform,
  XavierUniform,
  KaimingUniform
};

/// The dialect's spelling: "zeros", "xavier_uniform", ...
std::string_view initializerKindName(InitializerKind kind);

struct Initializer {
  InitializerKind kind;
  /// Standard deviation (normal), bound (uniform) or gain (xavier, kaiming).
  double scale;
};

struct Fans {
  int64_t fanIn;
  int64_t fanOut;
};

/// Fans of a weight of `shape`: rank 0 has fans 1 and 1; rank 1 (a bias or a
/// scale) has fan_in = fan_out = its size; rank 2 is `[in, out]`; rank >= 3 is
/// `[out, in, k...]` (a conv filter), each fan multiplied by the product of
/// the trailing kernel dimensions.
Fans computeFans(const std::vector<int64_t> &shape);

/// Overwrites every element of `tensor`. Random kinds need an f32 or f64
/// tensor; zeros and ones accept any dtype. A random kind on an integer
/// tensor, or a fan of zero for xavier/kaiming, is an error.
Expected<void> initializeTensor(Tensor &tensor,
                                          const Initializer &initializer,
                                          uint64_t seed, uint64_t stream);

} // namespace loom

#endif
