//===- NumericChecks.h - Runtime side of --check-numerics -------*- C++ -*-===//
//
// Private to lib/Runtime. Code compiled with CompilerOptions::checkNumerics
// calls the checkers of loom/Support/NonFiniteReport.h after every float
// result. They scan the value and write into the NonFiniteReport that the
// calling thread installed for the current call (a thread-local pointer), so
// concurrent runs, even of one Executable, never see each other's reports.
// Lowered checks run on the thread that called the entry: they sit outside
// the parallel loops that CompilerOptions::threads distributes.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_LIB_RUNTIME_NUMERICCHECKS_H
#define LOOM_LIB_RUNTIME_NUMERICCHECKS_H

#include "loom/Runtime/Artifact.h"
#include "loom/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace loom::detail {

enum class NonFiniteKind { NaN, PositiveInf, NegativeInf };

/// The first check (in the order they ran) that saw a non-finite value, and
/// that value's first element in row-major order.
struct NonFiniteReport {
  bool reported = false;
  int64_t id = 0;
  std::vector<int64_t> index;
  NonFiniteKind kind = NonFiniteKind::NaN;
};

/// Routes the reports of compiled code running on this thread to `report`
/// for the scope's lifetime (nested scopes restore the outer one).
class ScopedNonFiniteReport {
public:
  explicit ScopedNonFiniteReport(NonFiniteReport &report);
  ~ScopedNonFiniteReport();
  ScopedNonFiniteReport(const ScopedNonFiniteReport &) = delete;
  ScopedNonFiniteReport &operator=(const ScopedNonFiniteReport &) = delete;

private:
  NonFiniteReport *previous;
};

/// `loc: error: 'loom.log' produced NaN (first non-finite value at element
/// [2, 3])`.
Error nonFiniteError(const NumericCheckSite &check, const NonFiniteReport &report);

} // namespace loom::detail

#endif
