//===- Npy.h - NumPy .npy files ---------------------------------*- C++ -*-===//
//
// Reads and writes NumPy's .npy format (versions 1.0, 2.0 and 3.0 are read;
// 1.0 is written unless the header needs 2.0). Only what Loom tensors are:
// little-endian, C order, dtypes '<f4' '<f8' '|b1' '<i4' '<i8'. Anything else
// (Fortran order, big-endian, other dtypes, a corrupt or truncated file) is a
// loom::Error that names the file and what is wrong.
//
// Threads: safe from several threads (no shared state).
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_RUNTIME_NPY_H
#define LOOM_RUNTIME_NPY_H

#include "loom/Runtime/Tensor.h"
#include "loom/Support/Error.h"

#include <string>
#include <string_view>
#include <variant>

namespace loom {

/// Reads an .npy file into an owning tensor.
Expected<Tensor> readNpy(const std::string &path);

/// Writes `tensor` as an .npy file, replacing any existing file.
Expected<void> writeNpy(const std::string &path,
                                  const Tensor &tensor);

/// Decodes the bytes of an .npy file; `sourceName` names it in errors.
Expected<Tensor> decodeNpy(std::string_view bytes, std::string_view sourceName);

/// The bytes of an .npy file holding `tensor`.
std::string encodeNpy(const Tensor &tensor);

} // namespace loom

#endif
