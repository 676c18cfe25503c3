//===- DifferentiationCommon.h - shared by reverse and forward mode -------===//
//
// Which ops of a function take part in a derivative, the checks both modes
// run before changing anything, and the pass-level driver.
//
//===----------------------------------------------------------------------===//
#ifndef LIB_DIALECT_LOOM_TRANSFORMS_DIFFERENTIATIONCOMMON_H
#define LIB_DIALECT_LOOM_TRANSFORMS_DIFFERENTIATIONCOMMON_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace loom::detail {

bool isFloatTensor(mlir::Value value);

/// A constant of `type` (a float tensor) filled with zeros.
mlir::Value zerosOfType(mlir::OpBuilder &b, mlir::Location loc, mlir::Type type);

/// The ops of a single-block function through which a derivative flows:
/// `varied` holds the float values that depend on the differentiated
/// arguments, `active` the ops (in program order) with a varied result that
/// reaches one of `targets`.
struct Activity {
  llvm::DenseSet<mlir::Value> varied;
  llvm::SmallVector<mlir::Operation *> active;
};
Activity analyzeActivity(mlir::func::FuncOp func,
                         llvm::ArrayRef<unsigned> arguments,
                         mlir::ValueRange targets);

/// Checks that `func` is one block of ops without regions and that every
/// entry of `arguments` is a float tensor argument, in ascending order.
mlir::LogicalResult verifyDifferentiable(mlir::func::FuncOp func,
                                         llvm::ArrayRef<unsigned> arguments);

/// Fails with one error at `func` when ops of `activity` lack a
/// GradientOpInterface rule: a note at each names the op and the
/// differentiable ops its derivative would have to flow through.
mlir::LogicalResult verifyRulesExist(mlir::func::FuncOp func,
                                     const Activity &activity,
                                     llvm::StringRef mode);

/// Checks that `name` is free in `func`'s module.
mlir::LogicalResult verifyNameIsFree(mlir::func::FuncOp func,
                                     llvm::StringRef name);

/// The pass driver of both modes: `build(func, arguments, name)` for the
/// function named `functionName`, or for every function with a
/// `loom.differentiate` argument when it is empty.
using BuildFunction = llvm::function_ref<mlir::FailureOr<mlir::func::FuncOp>(
    mlir::func::FuncOp, llvm::ArrayRef<unsigned>, llvm::StringRef)>;
mlir::LogicalResult differentiateModule(mlir::ModuleOp module,
                                        llvm::StringRef functionName,
                                        llvm::StringRef suffix,
                                        BuildFunction build);

} // namespace loom::detail

#endif
