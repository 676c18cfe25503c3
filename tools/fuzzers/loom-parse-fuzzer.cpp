//===- loom-parse-fuzzer.cpp - Fuzz parsing and verifying loom IR ---------===//
//
// Each input is MLIR text, parsed and verified in a fresh context with the
// dialects of loom IR (loom::fuzz::registry). Invalid input must be a
// diagnostic, never a crash.
//
//===----------------------------------------------------------------------===//
#include "LoomFuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  auto context = loom::fuzz::makeContext();
  (void)loom::fuzz::parseAndVerify(data, size, *context);
  return 0;
}
