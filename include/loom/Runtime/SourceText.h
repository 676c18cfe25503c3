//===- SourceText.h - Checks on MLIR source before parsing ------*- C++ -*-===//
//
// What MLIR's parsers cannot take safely is rejected before they see it:
// MLIR bytecode (MLIR 22's bytecode reader crashes, aborts or hangs on
// corrupt input; Loom reads textual MLIR only) and text nested deeper than
// kMaxNestingDepth (the text parser would overflow the stack).
//
// Threads: safe from several threads (no shared state).
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_RUNTIME_SOURCETEXT_H
#define LOOM_RUNTIME_SOURCETEXT_H

#include "loom/Support/Error.h"

#include <string_view>
#include <variant>

namespace loom {

/// Fails with "<bufferName>:<line>:<col>: error: ..." (MLIR's diagnostic
/// form) when `text` is MLIR bytecode or nests brackets too deeply.
Expected<void> checkSourceText(std::string_view text,
                                         std::string_view bufferName);

} // namespace loom

#endif
