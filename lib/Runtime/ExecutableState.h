//===- ExecutableState.h - What an Executable owns --------------*- C++ -*-===//
//
// Private to lib/Runtime.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_LIB_RUNTIME_EXECUTABLESTATE_H
#define LOOM_LIB_RUNTIME_EXECUTABLESTATE_H

#include "WorkspacePool.h"

#include "loom/Runtime/Artifact.h"
#include "loom/Runtime/Executable.h"

#include <memory>
#include <vector>

namespace loom::detail {

/// The packed wrapper of `_mlir_ciface_<entry>`: it takes an array whose i-th
/// element points at the i-th argument, itself a pointer to a memref
/// descriptor (inputs first, then outputs, then the workspace if any).
using PackedFunction = void (*)(void **);

struct ExecutableState {
  /// Owns the machine code every `functions` entry points into.
  std::unique_ptr<CodeLibrary> library;
  /// Signatures, numeric checks and target.
  ArtifactInfo info;
  /// The packed wrapper of `info.signatures[i]`.
  std::vector<PackedFunction> functions;
  /// The workspaces of `info.signatures[i]`; null when it takes none.
  std::vector<std::unique_ptr<WorkspacePool>> workspaces;
};

} // namespace loom::detail

#endif
