//===- AheadOfTimeHeader.h - The C++ header of an AOT artifact --*- C++ -*-===//
//
// Private to lib/Compiler. The names an ahead-of-time object exports and the
// header that declares them (docs/embedding.md, "Ahead of time").
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_LIB_COMPILER_AHEADOFTIMEHEADER_H
#define LOOM_LIB_COMPILER_AHEADOFTIMEHEADER_H

#include "loom/Runtime/Artifact.h"

#include <string>
#include <vector>

namespace loom::detail {

/// Whether `name` may name an artifact: a C identifier, which becomes the
/// header's namespace and the prefix of the object's symbols.
bool isArtifactName(const std::string &name);

/// The symbol the object exports for each entry of `info`, in order:
/// `loom_<name>_<entry as an identifier>`, made unique.
std::vector<std::string> aheadOfTimeSymbols(const ArtifactInfo &info,
                                            const std::string &name);

/// The header of the artifact `name`, whose manifest text is `manifest`.
std::string formatAheadOfTimeHeader(const ArtifactInfo &info,
                                    const std::string &name,
                                    const std::string &manifest);

} // namespace loom::detail

#endif
