//===- InitAll.cpp - Register every Loom dialect and pass -----------------===//
#include "loom/InitAll.h"

#include "loom/Dialect/Loom/IR/LoomDialect.h"

namespace loom {
void registerAllDialects(mlir::DialectRegistry &registry) {
  registry.insert<LoomDialect>();
}

void registerAllPasses() {}
} // namespace loom
