//===- LoomDialect.cpp - The loom dialect ---------------------------------===//
#include "loom/Dialect/Loom/IR/LoomDialect.h"
#include "loom/Dialect/Loom/IR/LoomOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace loom;

#include "loom/Dialect/Loom/IR/LoomOpsDialect.cpp.inc"
#include "loom/Dialect/Loom/IR/LoomEnums.cpp.inc"
#define GET_ATTRDEF_CLASSES
#include "loom/Dialect/Loom/IR/LoomAttrs.cpp.inc"

Attribute InitAttr::parse(AsmParser &parser, Type) {
  FailureOr<InitKind> kind;
  double scale;
  if (parser.parseLess() ||
      failed(kind = FieldParser<InitKind>::parse(parser)) ||
      parser.parseComma() || parser.parseFloat(scale) || parser.parseGreater())
    return {};
  return InitAttr::get(parser.getContext(), *kind, APFloat(scale));
}

void InitAttr::print(AsmPrinter &printer) const {
  printer << "<" << stringifyInitKind(getKind()) << ", "
          << getScale().convertToDouble() << ">";
}

void LoomDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "loom/Dialect/Loom/IR/LoomOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "loom/Dialect/Loom/IR/LoomAttrs.cpp.inc"
      >();
}

Operation *LoomDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                            Type type, Location loc) {
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements || elements.getType() != type)
    return nullptr;
  return ConstantOp::create(builder, loc, type, elements);
}
