//===- TestHelpers.h - Shared checks for the DSL tests ----------*- C++ -*-===//
#ifndef LOOM_UNITTESTS_DSL_TESTHELPERS_H
#define LOOM_UNITTESTS_DSL_TESTHELPERS_H

#include "loom/DSL/Graph.h"

#include "mlir/IR/Location.h"
#include "gtest/gtest.h"

#include <string>
#include <vector>

namespace loom::dsl::testing {

/// Runs `build`, expecting a loom::Error whose message starts with the file
/// and line of the `expectError` call (write the failing call on that line)
/// and contains every fragment.
template <typename Build>
void expectError(Build &&build, const std::vector<std::string> &fragments,
                 SourceLocation where = SourceLocation::current()) {
  std::string prefix = std::string(where.file_name()) + ":" +
                       std::to_string(where.line()) + ":";
  try {
    build();
    ADD_FAILURE() << "expected a loom::Error at " << prefix;
  } catch (const Error &error) {
    std::string message = error.message();
    EXPECT_EQ(message.rfind(prefix, 0), 0u)
        << "expected the prefix " << prefix << " in: " << message;
    EXPECT_NE(message.find(": error: "), std::string::npos) << message;
    for (const std::string &fragment : fragments)
      EXPECT_NE(message.find(fragment), std::string::npos)
          << "'" << fragment << "' missing from: " << message;
  }
}

/// The ops of the graph's body, by name, in order (the return excluded).
inline std::vector<std::string> opNames(const Graph &graph) {
  std::vector<std::string> names;
  for (mlir::Operation &op : graph.func().getBody().front().without_terminator())
    names.push_back(op.getName().getStringRef().str());
  return names;
}

inline int countOps(const Graph &graph, const std::string &name) {
  int count = 0;
  for (const std::string &op : opNames(graph))
    count += op == name;
  return count;
}

/// The file and line an SSA value's defining op (or block argument) carries.
inline std::pair<std::string, unsigned> fileLine(mlir::Value value) {
  auto loc = mlir::dyn_cast<mlir::FileLineColLoc>(value.getLoc());
  if (!loc)
    return {"<no file location>", 0};
  return {loc.getFilename().str(), loc.getLine()};
}

} // namespace loom::dsl::testing

#endif
