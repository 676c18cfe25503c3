//===- AheadOfTime.h - Calling code linked into the program -----*- C++ -*-===//
//
// `loomc --emit=artifact -o DIR` (loom::emitAheadOfTime) writes an object
// file, a C++ header and a manifest. The program links the object and
// LoomRuntime; the header declares each entry's packed wrapper, holds the
// manifest, and defines one typed function per entry on top of what is here.
// No MLIR or LLVM library is needed to build or run such a program.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_RUNTIME_AHEADOFTIME_H
#define LOOM_RUNTIME_AHEADOFTIME_H

#include "loom/Runtime/Artifact.h"
#include "loom/Runtime/Parameters.h"

#include <string_view>
#include <vector>

namespace loom {

/// The packed wrapper of one compiled entry: one pointer per memref
/// descriptor, inputs first (the calling convention of docs/embedding.md).
using PackedEntryFunction = void (*)(void **arguments);

struct LinkedEntry {
  const char *entry;
  PackedEntryFunction function;
};

/// An Executable calling code linked into this program: `manifest` is the
/// manifest written with it, `entries` every entry's wrapper. A malformed
/// manifest is IO, an entry of the manifest missing from `entries`
/// InvalidArgument. The result is safe to call from several threads.
Expected<Executable> linkedExecutable(std::string_view manifest,
                                      const std::vector<LinkedEntry> &entries);

/// `executable->run(entry, args)`, or `executable`'s error; with `inPlace`,
/// `runInPlace`. What a generated header's functions call.
Expected<std::vector<Tensor>> runLinked(const Expected<Executable> &executable,
                                        std::string_view entry,
                                        const std::vector<Tensor> &args,
                                        bool inPlace);

} // namespace loom

#endif
