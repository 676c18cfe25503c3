//===- NumericChecks.cpp - Runtime side of --check-numerics ---------------===//
#include "NumericChecks.h"

#include "loom/Support/NonFiniteReport.h"

namespace loom::detail {
namespace {

thread_local NonFiniteReport *currentReport = nullptr;

/// Called by compiled checks; keeps the first report of the call.
void reportNonFinite(int64_t id, int64_t key) {
  if (key == kAllFiniteKey || !currentReport || currentReport->reported)
    return;
  *currentReport = {true, id, key};
}

std::string kindName(int64_t kind) {
  switch (static_cast<NonFiniteKind>(kind)) {
  case NonFiniteKind::NaN:
    return "NaN";
  case NonFiniteKind::PositiveInf:
    return "Inf";
  case NonFiniteKind::NegativeInf:
    return "-Inf";
  }
  return "a non-finite value";
}

} // namespace

ScopedNonFiniteReport::ScopedNonFiniteReport(NonFiniteReport &report)
    : previous(currentReport) {
  currentReport = &report;
}

ScopedNonFiniteReport::~ScopedNonFiniteReport() { currentReport = previous; }

llvm::orc::SymbolMap
nonFiniteReporterSymbol(llvm::orc::MangleAndInterner interner) {
  llvm::orc::SymbolMap symbols;
  symbols[interner(kReportNonFiniteFunction)] = {
      llvm::orc::ExecutorAddr::fromPtr(&reportNonFinite),
      llvm::JITSymbolFlags::Exported};
  return symbols;
}

Error nonFiniteError(const NumericCheck &check, int64_t key) {
  int64_t linear = key / kNonFiniteKindCount;
  std::vector<int64_t> index(check.shape.size());
  for (size_t dim = check.shape.size(); dim-- > 0;) {
    index[dim] = linear % check.shape[dim];
    linear /= check.shape[dim];
  }
  std::string message = check.location + "error: '" + check.producer +
                        "' produced " + kindName(key % kNonFiniteKindCount);
  if (!index.empty()) {
    message += " (first non-finite value at element [";
    for (size_t dim = 0; dim < index.size(); ++dim)
      message += (dim ? ", " : "") + std::to_string(index[dim]);
    message += "])";
  }
  return Error(message);
}

} // namespace loom::detail
