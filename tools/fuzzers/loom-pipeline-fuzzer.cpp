//===- loom-pipeline-fuzzer.cpp - Fuzz the CPU lowering pipeline ----------===//
//
// Each input is MLIR text. If it parses and verifies as loom IR and is small
// (loom::fuzz::isSmallLoomModule), it is lowered through every stage of
// loom::loweringStages to the LLVM dialect with loom::emit, as the DSL's
// modules are. Translation to LLVM IR and the JIT are left out: they are
// LLVM's, and would make each execution a hundred times slower. A failing
// stage must be an error, never a crash.
//
//===----------------------------------------------------------------------===//
#include "LoomFuzz.h"

#include "loom/Compiler/MLIRCompile.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  auto context = loom::fuzz::makeContext();
  mlir::OwningOpRef<mlir::ModuleOp> module =
      loom::fuzz::parseAndVerify(data, size, *context);
  // -1 keeps inputs that were not lowered out of the corpus.
  if (!module || !loom::fuzz::isSmallLoomModule(*module))
    return -1;
  (void)loom::emit(*module, "llvm");
  return 0;
}
