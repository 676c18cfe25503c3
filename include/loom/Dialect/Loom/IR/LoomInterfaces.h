//===- LoomInterfaces.h - loom op interfaces --------------------*- C++ -*-===//
#ifndef LOOM_DIALECT_LOOM_IR_LOOMINTERFACES_H
#define LOOM_DIALECT_LOOM_IR_LOOMINTERFACES_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpDefinition.h"
#include "llvm/ADT/SmallVector.h"

#include "loom/Dialect/Loom/IR/LoomInterfaces.h.inc"

#endif
