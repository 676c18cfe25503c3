//===- CompileCache.h - Compiled modules on disk, by content ----*- C++ -*-===//
//
// Private to lib/Compiler. An entry is an artifact (loom/Runtime/Artifact.h)
// in `<root>/<key>/`, where the key is a BLAKE3 hash of everything the code
// depends on: the module, the resolved target, the options and the build of
// the compiler itself (its ELF build id). `checksum.txt` beside the artifact
// holds the hash of its manifest and library; an entry whose files do not
// match it is removed and rebuilt, never loaded.
//
// Entries are written into a fresh `tmp-*` directory and renamed into place,
// so a reader sees a whole entry or none, and two processes storing the same
// key at once both succeed (the second rename fails and that process loads
// the winner's entry). Removal renames an entry to `tmp-*` before deleting
// it. Past the size limit the least recently used entries go first.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_LIB_COMPILER_COMPILECACHE_H
#define LOOM_LIB_COMPILER_COMPILECACHE_H

#include "loom/Runtime/Executable.h"
#include "loom/Support/Error.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace loom::detail {

/// The ELF build id of the binary or library this code is linked into, in
/// hex; empty when it has none (then nothing is cached: the key could not
/// tell two builds of the compiler apart).
const std::string &compilerBuildId();

/// `directory`, else $LOOM_CACHE_DIR, else $XDG_CACHE_HOME/loom, else
/// $HOME/.cache/loom; empty when none of them is set.
std::string cacheRoot(const std::string &directory);

class CompileCache {
public:
  CompileCache(std::string root, uint64_t limitBytes)
      : root(std::move(root)), limitBytes(limitBytes) {}

  /// The hex BLAKE3 hash of `material`.
  static std::string keyOf(std::string_view material);

  /// The entry of `key`, loaded; none when there is none or it is corrupt
  /// (then it is removed).
  std::optional<Executable> load(const std::string &key);

  /// Writes the entry of `key` with `save` (which writes an artifact into the
  /// directory it is given), then loads it, and evicts old entries past the
  /// limit.
  Expected<Executable>
  store(const std::string &key,
        const std::function<Expected<void>(const std::string &)> &save);

private:
  std::string entryPath(const std::string &key) const;
  /// Renames `path` out of the way, then deletes it.
  void remove(const std::string &path) const;
  void evict(const std::string &keep) const;

  std::string root;
  uint64_t limitBytes;
};

} // namespace loom::detail

#endif
