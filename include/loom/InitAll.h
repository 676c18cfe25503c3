//===- InitAll.h - Register every Loom dialect and pass ---------*- C++ -*-===//
#ifndef LOOM_INITALL_H
#define LOOM_INITALL_H

#include "mlir/IR/DialectRegistry.h"

namespace loom {
/// Adds the loom dialect and the upstream dialects Loom lowers through.
void registerAllDialects(mlir::DialectRegistry &registry);
/// Registers Loom's passes and named pipelines with the global registry.
void registerAllPasses();
} // namespace loom

#endif
