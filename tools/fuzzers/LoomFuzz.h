//===- LoomFuzz.h - Shared parts of the MLIR fuzz targets -------*- C++ -*-===//
//
// Header-only helpers of loom-parse-fuzzer and loom-pipeline-fuzzer: a fresh
// context per input, with the dialects of loom IR (so nothing one input interns outlives it), parsing and
// verifying the input as loomc does, and the bounds that keep one execution
// of the pipeline short.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_TOOLS_FUZZERS_LOOMFUZZ_H
#define LOOM_TOOLS_FUZZERS_LOOMFUZZ_H

#include "loom/InitAll.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/AttrTypeSubElements.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"
#include "mlir/Parser/Parser.h"

#include <cstdint>
#include <memory>
#include <string>

namespace loom::fuzz {

/// The dialects of loom IR, the input of loomc and loom::Compiler: func and
/// loom (and builtin, always there). loomc registers every upstream dialect
/// too, but their parsers and verifiers are MLIR's, not Loom's, and are left
/// out so that the fuzzers spend their time on Loom's code.
inline const mlir::DialectRegistry &registry() {
  static const mlir::DialectRegistry instance = [] {
    mlir::DialectRegistry result;
    result.insert<mlir::func::FuncDialect>();
    loom::registerAllDialects(result);
    return result;
  }();
  return instance;
}

/// A single-threaded context that drops every diagnostic (printing them
/// would dominate the time of an execution).
inline std::unique_ptr<mlir::MLIRContext> makeContext() {
  auto context = std::make_unique<mlir::MLIRContext>(
      registry(), mlir::MLIRContext::Threading::DISABLED);
  context->getDiagEngine().registerHandler([](mlir::Diagnostic &) {});
  return context;
}

/// Parses and verifies `data` as MLIR text; null if it does not.
inline mlir::OwningOpRef<mlir::ModuleOp>
parseAndVerify(const uint8_t *data, size_t size, mlir::MLIRContext &context) {
  // std::string ends in '\0', which MLIR's lexer reads at the end of a buffer.
  std::string text(reinterpret_cast<const char *>(data), size);
  return mlir::parseSourceString<mlir::ModuleOp>(text, &context, "<fuzz>");
}

/// Limits of an input the pipeline fuzzer lowers.
inline constexpr int64_t kMaxOps = 64;
inline constexpr int64_t kMaxElements = 4096;
inline constexpr unsigned kMaxBitWidth = 64;

/// Whether lowering `module` stays short: at most kMaxOps ops, whose every
/// type (of values, block arguments and attributes, nested ones included)
/// has at most kMaxElements elements and no integer or float wider than
/// kMaxBitWidth bits.
inline bool isSmallLoomModule(mlir::ModuleOp module) {
  auto isSmallType = [](mlir::Type type) {
    bool small = true;
    type.walk([&](mlir::Type nested) {
      if (nested.isIntOrFloat() && nested.getIntOrFloatBitWidth() > kMaxBitWidth)
        small = false;
      auto shaped = llvm::dyn_cast<mlir::ShapedType>(nested);
      if (!shaped || !shaped.hasRank())
        return;
      int64_t elements = 1;
      for (int64_t dim : shaped.getShape())
        if (!mlir::ShapedType::isDynamic(dim) &&
            (dim > kMaxElements || (elements *= dim) > kMaxElements))
          small = false;
    });
    return small;
  };
  int64_t ops = 0;
  bool small = true;
  module->walk([&](mlir::Operation *op) {
    if (++ops > kMaxOps) {
      small = false;
      return mlir::WalkResult::interrupt();
    }
    op->getAttrDictionary().walk([&](mlir::Type type) {
      small = small && isSmallType(type);
    });
    for (mlir::Type type : op->getResultTypes())
      small = small && isSmallType(type);
    for (mlir::Region &region : op->getRegions())
      for (mlir::Block &block : region)
        for (mlir::Type type : block.getArgumentTypes())
          small = small && isSmallType(type);
    return small ? mlir::WalkResult::advance() : mlir::WalkResult::interrupt();
  });
  return small;
}

} // namespace loom::fuzz

#endif
