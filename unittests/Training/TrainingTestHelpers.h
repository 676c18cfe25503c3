//===- TrainingTestHelpers.h - Shared by the training tests -----*- C++ -*-===//
#ifndef LOOM_UNITTESTS_TRAINING_TRAININGTESTHELPERS_H
#define LOOM_UNITTESTS_TRAINING_TRAININGTESTHELPERS_H

#include "loom/Runtime/Tensor.h"
#include "loom/Support/CounterRNG.h"

#include "mlir/IR/AttrTypeSubElements.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"

namespace loom::training::test_helpers {

/// Rewrites every f32 in `module` (types, constants, float attributes) to f64,
/// giving the same function in double precision for gradient checks.
inline void promoteToF64(mlir::ModuleOp module) {
  mlir::MLIRContext *context = module.getContext();
  mlir::Type f64 = mlir::Float64Type::get(context);
  mlir::AttrTypeReplacer replacer;
  replacer.addReplacement([&](mlir::Float32Type) -> mlir::Type { return f64; });
  replacer.addReplacement(
      [&](mlir::DenseFPElementsAttr attr) -> std::optional<mlir::Attribute> {
        if (!attr.getElementType().isF32())
          return std::nullopt;
        return attr.mapValues(f64, [](const llvm::APFloat &value) {
          return llvm::APFloat(static_cast<double>(value.convertToFloat()))
              .bitcastToAPInt();
        });
      });
  replacer.addReplacement(
      [&](mlir::FloatAttr attr) -> std::optional<mlir::Attribute> {
        if (!attr.getType().isF32())
          return std::nullopt;
        return mlir::FloatAttr::get(f64, attr.getValueAsDouble());
      });
  replacer.recursivelyReplaceElementsIn(module, /*replaceAttrs=*/true,
                                        /*replaceLocs=*/false,
                                        /*replaceTypes=*/true);
}

/// Deterministic data: floats uniform in [0, 1), integers in [0, 10), rank-0
/// i64 tensors (seeds) equal to `stream`.
inline Tensor sampleTensor(const std::vector<int64_t> &shape, DType dtype,
                           uint64_t stream) {
  Tensor tensor = Tensor::zeros(shape, dtype);
  for (int64_t i = 0; i < tensor.numElements(); ++i) {
    double u = rng::uniform<double>(42, stream, i);
    switch (dtype) {
    case DType::F32:
      tensor.data<float>()[i] = static_cast<float>(u);
      break;
    case DType::F64:
      tensor.data<double>()[i] = u;
      break;
    case DType::I1:
      tensor.data<bool>()[i] = u < 0.5;
      break;
    case DType::I32:
      tensor.data<int32_t>()[i] = static_cast<int32_t>(u * 10);
      break;
    case DType::I64:
      tensor.data<int64_t>()[i] =
          shape.empty() ? static_cast<int64_t>(stream) : static_cast<int64_t>(u * 10);
      break;
    }
  }
  return tensor;
}

inline double elementAsDouble(const Tensor &tensor, int64_t i) {
  return tensor.dtype() == DType::F64 ? tensor.data<double>()[i]
                                      : tensor.data<float>()[i];
}

} // namespace loom::training::test_helpers

#endif
