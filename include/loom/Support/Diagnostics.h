//===- Diagnostics.h - MLIR diagnostics as Loom messages --------*- C++ -*-===//
//
// The one formatter of MLIR diagnostics in Loom: every error message that
// carries MLIR's diagnostics (compiling, the DSL's verifier, training, the
// reference evaluator, loomc) reads like mlir-opt's output,
//
//   model.mlir:3:8: error: 'loom.matmul' operands have different ranks
//   model.mlir:2:3: note: see the producer here
//
// The location is the first `file:line:col` inside the diagnostic's location:
// a NameLoc's child, a CallSiteLoc's callee (then its caller), a FusedLoc's
// first file location. A diagnostic without one has no location prefix.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_SUPPORT_DIAGNOSTICS_H
#define LOOM_SUPPORT_DIAGNOSTICS_H

#include "loom/Support/Error.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"

#include <memory>
#include <mutex>
#include <string>

namespace loom {

/// `file:line:col: ` of `location`, or "" when it has no file location.
std::string formatLocation(mlir::Location location);

/// "error", "warning", "note" or "remark".
std::string_view severityName(mlir::DiagnosticSeverity severity);

/// `file:line:col: error: message`, then one line per attached note.
std::string formatDiagnostic(const mlir::Diagnostic &diagnostic);

/// Collects every diagnostic emitted in `context` while it lives (from any
/// thread), instead of printing it, and turns them into a loom::Error.
class DiagnosticCollector {
public:
  explicit DiagnosticCollector(mlir::MLIRContext *context);
  ~DiagnosticCollector();
  DiagnosticCollector(const DiagnosticCollector &) = delete;
  DiagnosticCollector &operator=(const DiagnosticCollector &) = delete;

  /// The diagnostics collected so far, one a line, and forgets them.
  std::string take();
  /// `summary`, then ":\n" and the collected diagnostics when there are any
  /// (which are forgotten).
  Error error(ErrorKind kind, const std::string &summary);

private:
  std::mutex mutex;
  std::string text;
  std::unique_ptr<mlir::ScopedDiagnosticHandler> handler;
};

} // namespace loom

#endif
