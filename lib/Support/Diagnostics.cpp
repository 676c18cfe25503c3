//===- Diagnostics.cpp - MLIR diagnostics as Loom messages ----------------===//
#include "loom/Support/Diagnostics.h"

#include "mlir/IR/BuiltinAttributes.h"

namespace loom {

std::string formatLocation(mlir::Location location) {
  // findInstanceOf walks nested locations in pre-order: a NameLoc's child, a
  // CallSiteLoc's callee before its caller, a FusedLoc's locations in order.
  auto file = mlir::LocationAttr(location).findInstanceOf<mlir::FileLineColLoc>();
  if (!file)
    return "";
  return file.getFilename().str() + ":" + std::to_string(file.getLine()) + ":" +
         std::to_string(file.getColumn()) + ": ";
}

std::string_view severityName(mlir::DiagnosticSeverity severity) {
  switch (severity) {
  case mlir::DiagnosticSeverity::Error:
    return "error";
  case mlir::DiagnosticSeverity::Warning:
    return "warning";
  case mlir::DiagnosticSeverity::Note:
    return "note";
  case mlir::DiagnosticSeverity::Remark:
    return "remark";
  }
  return "error";
}

static void appendOne(std::string &text, const mlir::Diagnostic &diagnostic) {
  text += formatLocation(diagnostic.getLocation());
  text += severityName(diagnostic.getSeverity());
  text += ": " + diagnostic.str();
}

std::string formatDiagnostic(const mlir::Diagnostic &diagnostic) {
  std::string text;
  appendOne(text, diagnostic);
  for (const mlir::Diagnostic &note : diagnostic.getNotes()) {
    text += "\n";
    appendOne(text, note);
  }
  return text;
}

DiagnosticCollector::DiagnosticCollector(mlir::MLIRContext *context)
    : handler(std::make_unique<mlir::ScopedDiagnosticHandler>(
          context, [this](mlir::Diagnostic &diagnostic) {
            std::string formatted = formatDiagnostic(diagnostic);
            std::lock_guard<std::mutex> lock(mutex);
            text += (text.empty() ? "" : "\n") + formatted;
            return mlir::success();
          })) {}

DiagnosticCollector::~DiagnosticCollector() = default;

std::string DiagnosticCollector::take() {
  std::lock_guard<std::mutex> lock(mutex);
  return std::exchange(text, std::string());
}

Error DiagnosticCollector::error(ErrorKind kind, const std::string &summary) {
  std::string collected = take();
  return Error(kind, collected.empty() ? summary : summary + ":\n" + collected);
}

} // namespace loom
