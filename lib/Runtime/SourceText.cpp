//===- SourceText.cpp - Checks on MLIR source before parsing --------------===//
#include "loom/Runtime/SourceText.h"

#include "loom/Support/Limits.h"

#include <string>

namespace loom {
namespace {

constexpr std::string_view kBytecodeMagic = "ML\xEFR";

std::string diagnostic(std::string_view bufferName, size_t line, size_t column,
                       const std::string &message) {
  return std::string(bufferName) + ":" + std::to_string(line) + ":" +
         std::to_string(column) + ": error: " + message;
}

} // namespace

Expected<void> checkSourceText(std::string_view text,
                                         std::string_view bufferName) {
  if (text.substr(0, kBytecodeMagic.size()) == kBytecodeMagic)
    return Error(ErrorKind::InvalidIR, diagnostic(bufferName, 1, 1,
                            "MLIR bytecode is not accepted: Loom reads "
                            "textual MLIR only"));
  // Counts ( [ { < outside string literals and comments. `->` and `>=` are
  // not brackets; anything unbalanced is left for the parser to report.
  int depth = 0;
  size_t line = 1, lineStart = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') {
      ++line;
      lineStart = i + 1;
    } else if (c == '"') {
      // A string ends at its closing quote, or at the end of the line.
      while (i + 1 < text.size() && text[i + 1] != '"' && text[i + 1] != '\n')
        i += text[i + 1] == '\\' ? 2 : 1;
      if (i + 1 < text.size() && text[i + 1] == '"')
        ++i;
    } else if (text.substr(i, 2) == "//") {
      while (i + 1 < text.size() && text[i + 1] != '\n')
        ++i;
    } else if (c == '(' || c == '[' || c == '{' || c == '<') {
      if (++depth > kMaxNestingDepth)
        return Error(ErrorKind::InvalidIR, diagnostic(
            bufferName, line, i - lineStart + 1,
            "brackets nest more than " + std::to_string(kMaxNestingDepth) +
                " levels deep, beyond what Loom parses"));
    } else if (c == ')' || c == ']' || c == '}' ||
               (c == '>' && (i == 0 || text[i - 1] != '-') &&
                text.substr(i, 2) != ">=")) {
      depth = depth > 0 ? depth - 1 : 0;
    }
  }
  return {};
}

} // namespace loom
