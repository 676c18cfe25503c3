//===- Files.h - Reading and writing whole files ----------------*- C++ -*-===//
//
// Every file Loom reads (.mlir sources, .npy files, checkpoints) is read in
// one piece here, and every file it writes (loomc's -o and --outputs, .npy
// files, checkpoints) is written atomically: the bytes go to a temporary file
// next to `path`, which is renamed over `path` only once everything is
// written. A failure (disk full, no permission, a crash, a signal) leaves
// `path` as it was; a failed write removes its temporary, a process killed
// while writing may leave `path.tmp-XXXXXX` behind.
//
// Threads: safe from several threads (no shared state); two threads writing
// one path leave one of the two files whole.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_RUNTIME_FILES_H
#define LOOM_RUNTIME_FILES_H

#include "loom/Support/Error.h"

#include <string>
#include <string_view>
#include <variant>

namespace loom {

/// The contents of `path`. An error reads "cannot open <what> '<path>': " and
/// the system's reason (no such file, a directory, no permission, ...); `what`
/// says what the file should be ("checkpoint"), or is empty.
Expected<std::string> readFile(const std::string &path,
                               std::string_view what = "");

/// Replaces `path` with `bytes` atomically; "-" writes to stdout.
Expected<void> writeFileAtomically(const std::string &path,
                                             std::string_view bytes);

} // namespace loom

#endif
