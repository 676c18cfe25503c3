//===- Evaluator.h - Naive reference evaluator for loom ---------*- C++ -*-===//
//
// The oracle for every numeric test: evaluates a `func.func` of loom ops with
// plain nested loops, independently of the lowering, the codegen and the
// runtime (it shares only the op definitions and the random-number spec in
// loom/Support/CounterRNG.h).
//
// Numeric semantics, chosen to be the most accurate reading of each op:
//  - Every float result is computed in double (matmul, conv2d and reductions
//    accumulate in double too) and rounded to the op's element type once, at
//    the end of the op. An f32 graph therefore sees f32 rounding between ops,
//    as the compiled code does, but no rounding inside an op.
//  - Integers are exact 64-bit values, wrapped to i32 where the type is i32;
//    i1 is 0 or 1.
//  - convert: float -> float rounds to nearest; integer -> float converts the
//    signed value; i1 -> anything gives 0 or 1; anything -> i1 is `x != 0`;
//    float -> integer truncates toward zero, saturating at the type's bounds
//    (NaN gives 0); i64 -> i32 wraps.
//  - iota into an integer type wraps like a conversion of the index would
//    (i1 takes the lowest bit).
//  - random_uniform / random_normal follow CounterRNG.h; random_normal is
//    computed in the result's float type, as that spec says.
//  - max, min, relu (max(x, 0)) and reduce_max are IEEE 754-2019 maximum and
//    minimum: a NaN operand gives NaN, and +0 is above -0.
//  - all_reduce is evaluated as the world of one process (whatever its
//    communicator operand holds): for `sum` and `mean` alike, each result is
//    its operand, unchanged.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_REFERENCE_EVALUATOR_H
#define LOOM_REFERENCE_EVALUATOR_H

#include "loom/Support/Error.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/ArrayRef.h"

#include <cstdint>
#include <string>
#include <vector>

namespace loom::reference {

/// The element types the loom dialect allows.
enum class ElementKind { F32, F64, I1, I32, I64 };

/// True for F32 and F64.
bool isFloat(ElementKind kind);
/// "f32", "i1", ...
const char *toString(ElementKind kind);
/// The kind of an MLIR element type, or an Error for one loom does not allow.
Expected<ElementKind> elementKindOf(mlir::Type type);

/// A dense row-major tensor owned by the reference evaluator. Float tensors
/// keep their elements in `floats` (already rounded to the element type),
/// integer and i1 tensors in `ints`; the other vector stays empty.
struct RefTensor {
  ElementKind kind = ElementKind::F32;
  std::vector<int64_t> shape;
  std::vector<double> floats;
  std::vector<int64_t> ints;

  /// A float tensor; each value is rounded to `kind`.
  static RefTensor floating(ElementKind kind, std::vector<int64_t> shape,
                            std::vector<double> values);
  /// An integer or i1 tensor; each value is wrapped to `kind`.
  static RefTensor integer(ElementKind kind, std::vector<int64_t> shape,
                           std::vector<int64_t> values);
  /// A zero-filled tensor of either family.
  static RefTensor zeros(ElementKind kind, std::vector<int64_t> shape);

  int64_t numElements() const;
  /// Element `i` (row-major) as a double, whatever the kind.
  double asDouble(int64_t i) const;
  /// "tensor<3x5xf32>", for messages.
  std::string typeString() const;
};

/// Evaluates `func` (a single block of loom ops ending in func.return) on
/// `arguments`, which must match the function's argument types exactly.
/// Returns the values of func.return, or an Error that names the offending
/// op and its location (an op the evaluator does not know, a mismatched
/// argument, a constant attribute it cannot read).
Expected<std::vector<RefTensor>> evaluateReference(mlir::func::FuncOp func,
                                                   llvm::ArrayRef<RefTensor> arguments);

} // namespace loom::reference

#endif
