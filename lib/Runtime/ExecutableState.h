//===- ExecutableState.h - What an Executable owns --------------*- C++ -*-===//
//
// Private to lib/Runtime: the compiler fills it, Executable reads it.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_LIB_RUNTIME_EXECUTABLESTATE_H
#define LOOM_LIB_RUNTIME_EXECUTABLESTATE_H

#include "NumericChecks.h"

#include "loom/Runtime/Executable.h"

#include "mlir/ExecutionEngine/ExecutionEngine.h"

#include <map>
#include <memory>
#include <vector>

namespace loom::detail {

/// The packed wrapper of `_mlir_ciface_<entry>`: it takes an array whose i-th
/// element points at the i-th argument, itself a pointer to a memref
/// descriptor (inputs first, then outputs).
using PackedFunction = void (*)(void **);

struct CompiledEntry {
  Signature signature;
  PackedFunction function;
};

struct ExecutableState {
  /// Owns the machine code every `function` points into.
  std::unique_ptr<mlir::ExecutionEngine> engine;
  std::vector<CompiledEntry> entries;
  /// The module's `loom.check_finite` ops by id; empty unless compiled with
  /// CompilerOptions::checkNumerics (or the module had checks already).
  std::map<int64_t, NumericCheck> numericChecks;
};

} // namespace loom::detail

#endif
