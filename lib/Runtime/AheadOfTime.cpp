//===- AheadOfTime.cpp - Calling code linked into the program -------------===//
#include "loom/Runtime/AheadOfTime.h"

#include <map>
#include <memory>
#include <string>

namespace loom {
namespace {

/// Code the program's linker placed: a symbol table of packed wrappers.
class LinkedCode : public CodeLibrary {
public:
  explicit LinkedCode(std::map<std::string, void *> symbols)
      : symbols(std::move(symbols)) {}
  void *lookup(const std::string &symbol) const override {
    auto found = symbols.find(symbol);
    return found == symbols.end() ? nullptr : found->second;
  }

private:
  std::map<std::string, void *> symbols;
};

} // namespace

Expected<Executable> linkedExecutable(std::string_view manifest,
                                      const std::vector<LinkedEntry> &entries) {
  Expected<ArtifactInfo> info = parseManifest(manifest, "linked manifest");
  if (!info)
    return info.error();
  std::map<std::string, void *> symbols;
  for (const LinkedEntry &linked : entries)
    symbols[packedEntrySymbol(linked.entry)] =
        reinterpret_cast<void *>(linked.function);
  for (const Signature &signature : info->signatures)
    if (!symbols.count(packedEntrySymbol(signature.entry)))
      return Error(ErrorKind::InvalidArgument,
                   "no linked function for entry '" + signature.entry +
                       "' of the manifest");
  return makeExecutable(std::make_unique<LinkedCode>(std::move(symbols)),
                        std::move(*info));
}

Expected<std::vector<Tensor>> runLinked(const Expected<Executable> &executable,
                                        std::string_view entry,
                                        const std::vector<Tensor> &args,
                                        bool inPlace) {
  if (!executable)
    return executable.error();
  return inPlace ? executable->runInPlace(entry, args)
                 : executable->run(entry, args);
}

} // namespace loom
