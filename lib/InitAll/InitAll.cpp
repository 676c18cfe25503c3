//===- InitAll.cpp - Register every Loom dialect and pass -----------------===//
#include "loom/InitAll.h"

#include "loom/Codegen/Passes.h"
#include "loom/Conversion/Passes.h"
#include "loom/Dialect/Loom/IR/LoomDialect.h"
#include "loom/Dialect/Loom/Transforms/Passes.h"
#include "loom/Target/CPU/CPUBackend.h"

namespace loom {
void registerAllDialects(mlir::DialectRegistry &registry) {
  registry.insert<LoomDialect>();
}

void registerAllPasses() {
  registerLoomTransformsPasses();
  registerLoomConversionPasses();
  registerLoomCodegenPasses();
  registerCPUPipelines();
}
} // namespace loom
