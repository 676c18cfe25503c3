//===- LoweringConfig.h - Reading what the strategy decided -----*- C++ -*-===//
//
// The attributes through which a target's strategy pass tells the mechanism
// passes what to do: `loom.target` on the module, `loom.lowering_config` on
// each op it configured.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_CODEGEN_COMMON_LOWERINGCONFIG_H
#define LOOM_CODEGEN_COMMON_LOWERINGCONFIG_H

#include "loom/Dialect/Loom/IR/LoomOps.h"

namespace loom {

/// Module attribute: the target description (`#loom.cpu_target<...>`).
inline constexpr llvm::StringLiteral kTargetAttrName = "loom.target";
/// Op attribute: the op's `#loom.lowering_config<...>`.
inline constexpr llvm::StringLiteral kLoweringConfigAttrName =
    "loom.lowering_config";

/// The op's lowering configuration, or null.
inline LoweringConfigAttr getLoweringConfig(mlir::Operation *op) {
  return op->getAttrOfType<LoweringConfigAttr>(kLoweringConfigAttrName);
}

inline void setLoweringConfig(mlir::Operation *op, LoweringConfigAttr config) {
  op->setAttr(kLoweringConfigAttrName, config);
}

} // namespace loom

#endif
