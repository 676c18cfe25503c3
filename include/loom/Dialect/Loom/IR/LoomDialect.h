//===- LoomDialect.h - The loom dialect -------------------------*- C++ -*-===//
#ifndef LOOM_DIALECT_LOOM_IR_LOOMDIALECT_H
#define LOOM_DIALECT_LOOM_IR_LOOMDIALECT_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/DialectImplementation.h"

// The dialect's discardable ABI attributes include `#loom.init`, so the
// attribute classes come before the dialect class.
#include "loom/Dialect/Loom/IR/LoomEnums.h.inc"
#define GET_ATTRDEF_CLASSES
#include "loom/Dialect/Loom/IR/LoomAttrs.h.inc"

#include "loom/Dialect/Loom/IR/LoomOpsDialect.h.inc"

#endif
