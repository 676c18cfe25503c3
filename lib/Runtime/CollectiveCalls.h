//===- CollectiveCalls.h - Runtime side of compiled all-reduces -*- C++ -*-===//
//
// Private to lib/Runtime. Compiled `loom.all_reduce` ops call the functions
// of loom/Support/Collectives.h, which cannot throw into compiled code: a
// failure (an unknown communicator handle, an MPI error) is recorded for the
// calling thread's current call, and the later collectives of that call do
// nothing. Executable installs the record around every call and turns it
// into the call's Error.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_LIB_RUNTIME_COLLECTIVECALLS_H
#define LOOM_LIB_RUNTIME_COLLECTIVECALLS_H

#include "loom/Support/Error.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace loom::detail {

/// Routes the failures of collectives on this thread to `failure` for the
/// scope's lifetime (nested scopes restore the outer one).
class ScopedCollectiveFailure {
public:
  explicit ScopedCollectiveFailure(std::optional<Error> &failure);
  ~ScopedCollectiveFailure();
  ScopedCollectiveFailure(const ScopedCollectiveFailure &) = delete;
  ScopedCollectiveFailure &operator=(const ScopedCollectiveFailure &) = delete;

private:
  std::optional<Error> *previous;
};

/// The functions behind the symbols of loom/Support/Collectives.h.
std::vector<std::pair<std::string, void *>> collectiveSymbols();

} // namespace loom::detail

#endif
