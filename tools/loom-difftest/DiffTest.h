//===- DiffTest.h - loom-difftest's parts -----------------------*- C++ -*-===//
//
// loom-difftest generates random loom functions (Generator.cpp), derives for
// each one a float64 function that bounds the JIT's error against the
// reference evaluator element by element (ErrorBound.cpp), and compares
// (loom-difftest.cpp). See docs/reliability.md.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_TOOLS_DIFFTEST_DIFFTEST_H
#define LOOM_TOOLS_DIFFTEST_DIFFTEST_H

#include "loom/Reference/Evaluator.h"
#include "loom/Support/Error.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <cstdint>
#include <string>

namespace loom::difftest {

/// Function attribute holding the seed a program was generated from; it also
/// defines the program's input values (see `makeInput`).
inline constexpr const char *kSeedAttr = "difftest.seed";
/// Argument attribute: which input of the program the argument is. Inputs keep
/// their values when the shrinker drops other arguments.
inline constexpr const char *kInputAttr = "difftest.input";

/// What kind of function to generate.
enum class ProgramKind {
  /// Every op of the dialect; results compared with the reference evaluator
  /// within the bound of ErrorBound.cpp.
  Forward,
  /// float64, differentiable ops only (no kinks: no relu, abs, max, min,
  /// leaky_relu, reduce_max, compare/select, convert); result 0 is a scalar
  /// loss, float arguments carry `loom.differentiate`.
  Gradient,
};

/// MLIR text of one `func.func @name` in the loom dialect, generated from
/// `seed` alone: the same seed always gives the same text.
std::string generateFunction(uint64_t seed, const std::string &name,
                             ProgramKind kind);

/// The value of input `input` of the program generated from `seed`, of the
/// given type: floats uniform in [-1, 1], integers in [-4, 4], random i1, and
/// any i64 scalar (random-op seeds) in [0, 2^20).
reference::RefTensor makeInput(uint64_t seed, int64_t input,
                               mlir::RankedTensorType type);

/// The inputs of `func`, from its `difftest.seed` and `difftest.input`
/// attributes.
Expected<std::vector<reference::RefTensor>> programInputs(mlir::func::FuncOp func);

/// MLIR text of `func.func @name`, float64, whose arguments are the values of
/// every argument and op result of `func` in order (floats as f64, integers
/// and i1 unchanged) as the reference evaluator computes them, and whose
/// results bound, element by element, |JIT - reference| for each result of
/// `func`. A bound of 0 means the two must be equal. An Error for an op it
/// has no rule for.
Expected<std::string> buildErrorBoundFunction(mlir::func::FuncOp func,
                                              const std::string &name);

} // namespace loom::difftest

#endif
