//===- Parameters.h - An entry's parameters, made or kept in files -*- C++ -*-===//
//
// The parameters of an entry (its `loom.param` arguments, in argument order)
// drawn from their `loom.init`, or read from and written to a directory of
// `.npy` files, one per parameter named `<name>.npy` after its `loom.param`:
// what `loomc --params=DIR` reads, what `loomc --emit=artifact` writes under
// `DIR/params/`, and what an ahead-of-time header's `Parameters::load` reads.
// Plain C++ (LoomRuntime).
//
// Threads: safe from several threads (no shared state).
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_RUNTIME_PARAMETERS_H
#define LOOM_RUNTIME_PARAMETERS_H

#include "loom/Runtime/Executable.h"

#include <cstdint>
#include <string>
#include <vector>

namespace loom {

/// One new tensor per parameter of `signature`, in argument order, filled by
/// its `loom.init`: the k-th parameter (counting parameters only) draws from
/// stream k of `seed`. A parameter without `loom.init` is InvalidArgument.
Expected<std::vector<Tensor>> initialParameters(const Signature &signature,
                                                uint64_t seed);

/// `<directory>/<name>.npy`, the file of the parameter or result `name`
/// (which must not hold a '/' or be empty, else InvalidArgument).
Expected<std::string> tensorFile(const std::string &directory,
                                 const std::string &name);

/// Reads `<directory>/<name>.npy` of the parameter `name`, which must hold a
/// tensor of `type`: a missing or malformed file is IO, another shape or
/// dtype InvalidArgument; both name the file.
Expected<Tensor> readParameterFile(const std::string &directory,
                                   const std::string &name,
                                   const TensorSpec &type);

/// One tensor per parameter of `signature`, in argument order, read with
/// readParameterFile.
Expected<std::vector<Tensor>> readParameterFiles(const Signature &signature,
                                                 const std::string &directory);

/// Writes `parameters[i]` as the file of the i-th parameter of `signature`,
/// creating `directory`.
Expected<void> writeParameterFiles(const Signature &signature,
                                   const std::vector<Tensor> &parameters,
                                   const std::string &directory);

} // namespace loom

#endif
