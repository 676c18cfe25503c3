//===- Autodiff.h - Differentiate loom functions ----------------*- C++ -*-===//
//
// The C++ entry points behind the `loom-autodiff` and `loom-jvp` passes, for
// code that builds derivative functions itself (e.g. a training step). Both
// add the new function to `func`'s module, right after `func`, and leave
// `func` unchanged. On failure they emit diagnostics at `func` (and its ops)
// and add nothing.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_DIALECT_LOOM_TRANSFORMS_AUTODIFF_H
#define LOOM_DIALECT_LOOM_TRANSFORMS_AUTODIFF_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

namespace loom {

/// The arguments to differentiate `func` with respect to: those carrying
/// `loom.differentiate`, or, when none does, the float `loom.param` ones.
llvm::SmallVector<unsigned> differentiatedArguments(mlir::func::FuncOp func);

/// Reverse mode. `func` returns a rank-0 float loss first, then any auxiliary
/// values; the new function `name` returns the loss, the auxiliaries and the
/// gradient of the loss with respect to each of `arguments` (float tensor
/// arguments, ascending).
mlir::FailureOr<mlir::func::FuncOp>
buildGradientFunction(mlir::func::FuncOp func, llvm::ArrayRef<unsigned> arguments,
                      llvm::StringRef name);

/// Forward mode. The new function `name` takes `func`'s arguments followed by
/// one tangent per entry of `arguments`, and returns `func`'s results
/// followed by the tangent of each float result.
mlir::FailureOr<mlir::func::FuncOp>
buildJvpFunction(mlir::func::FuncOp func, llvm::ArrayRef<unsigned> arguments,
                 llvm::StringRef name);

} // namespace loom

#endif
