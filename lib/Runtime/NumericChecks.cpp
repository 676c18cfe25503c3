//===- NumericChecks.cpp - Runtime side of --check-numerics ---------------===//
#include "NumericChecks.h"

#include "CollectiveCalls.h"

#include "loom/Support/NonFiniteReport.h"

#include <cmath>

namespace loom::detail {
namespace {

thread_local NonFiniteReport *currentReport = nullptr;

/// The ranked descriptor behind an unranked memref argument.
template <typename T> struct StridedView {
  const T *aligned;
  int64_t offset;
  const int64_t *sizes;
  const int64_t *strides;

  StridedView(int64_t rank, const void *descriptor) {
    auto pointers = static_cast<T *const *>(descriptor);
    aligned = pointers[1];
    auto words = reinterpret_cast<const int64_t *>(pointers + 2);
    offset = words[0];
    sizes = words + 1;
    strides = words + 1 + rank;
  }
};

/// Called by compiled checks: finds the value's first non-finite element in
/// row-major order, unless the call has a report already.
template <typename T>
void checkFinite(int64_t id, int64_t rank, const void *descriptor) {
  NonFiniteReport *report = currentReport;
  if (!report || report->reported)
    return;
  StridedView<T> view(rank, descriptor);
  for (int64_t dim = 0; dim < rank; ++dim)
    if (view.sizes[dim] == 0)
      return;
  std::vector<int64_t> index(rank, 0);
  int64_t position = view.offset;
  while (true) {
    T value = view.aligned[position];
    if (!std::isfinite(value)) {
      report->reported = true;
      report->id = id;
      report->index = index;
      report->kind = std::isnan(value) ? NonFiniteKind::NaN
                     : value > 0       ? NonFiniteKind::PositiveInf
                                       : NonFiniteKind::NegativeInf;
      return;
    }
    // The next index, last dimension fastest.
    int64_t dim = rank - 1;
    for (; dim >= 0; --dim) {
      position += view.strides[dim];
      if (++index[dim] < view.sizes[dim])
        break;
      position -= view.strides[dim] * view.sizes[dim];
      index[dim] = 0;
    }
    if (dim < 0)
      return;
  }
}

std::string kindName(NonFiniteKind kind) {
  switch (kind) {
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

Error nonFiniteError(const NumericCheckSite &check, const NonFiniteReport &report) {
  std::string message = check.location + "error: '" + check.producer +
                        "' produced " + kindName(report.kind);
  if (!report.index.empty()) {
    message += " (first non-finite value at element [";
    for (size_t dim = 0; dim < report.index.size(); ++dim)
      message += (dim ? ", " : "") + std::to_string(report.index[dim]);
    message += "])";
  }
  return Error(ErrorKind::NonFinite, message);
}

} // namespace loom::detail

namespace {
/// The functions behind the symbols of loom/Support/NonFiniteReport.h.
void checkFiniteF32(int64_t id, int64_t rank, const void *descriptor) {
  loom::detail::checkFinite<float>(id, rank, descriptor);
}

void checkFiniteF64(int64_t id, int64_t rank, const void *descriptor) {
  loom::detail::checkFinite<double>(id, rank, descriptor);
}
} // namespace

std::vector<std::pair<std::string, void *>> loom::runtimeSupportSymbols() {
  std::vector<std::pair<std::string, void *>> symbols = {
      {kCheckFiniteF32Function, reinterpret_cast<void *>(&checkFiniteF32)},
      {kCheckFiniteF64Function, reinterpret_cast<void *>(&checkFiniteF64)},
  };
  for (auto &symbol : detail::collectiveSymbols())
    symbols.push_back(std::move(symbol));
  return symbols;
}
