//===- Parameters.cpp - An entry's parameters, made or kept in files ------===//
#include "loom/Runtime/Parameters.h"

#include "loom/Runtime/Npy.h"

#include <filesystem>
#include <system_error>

namespace loom {

Expected<std::vector<Tensor>> initialParameters(const Signature &signature,
                                                uint64_t seed) {
  std::vector<Tensor> parameters;
  uint64_t stream = 0;
  for (size_t i = 0; i < signature.arguments.size(); ++i) {
    const ArgumentInfo &argument = signature.arguments[i];
    if (argument.kind != ArgumentKind::Parameter)
      continue;
    std::string description = "parameter argument #" + std::to_string(i) +
                              " ('" + argument.name + "') of '" +
                              signature.entry + "'";
    if (!argument.initializer)
      return Error(ErrorKind::InvalidArgument,
                   description + " has no loom.init initializer");
    // Tensor::zeros throws when the system refuses the memory.
    try {
      Tensor parameter = Tensor::zeros(argument.type.shape, argument.type.dtype);
      Expected<void> filled =
          initializeTensor(parameter, *argument.initializer, seed, stream++);
      if (!filled)
        return filled.error().withContext(description);
      parameters.push_back(std::move(parameter));
    } catch (const Error &error) {
      return error.withContext(description);
    }
  }
  return parameters;
}

Expected<std::string> tensorFile(const std::string &directory,
                                 const std::string &name) {
  if (name.empty() || name.find('/') != std::string::npos)
    return Error(ErrorKind::InvalidArgument,
                 "the name '" + name + "' cannot be a file name");
  return directory + "/" + name + ".npy";
}

Expected<Tensor> readParameterFile(const std::string &directory,
                                   const std::string &name,
                                   const TensorSpec &type) {
  Expected<std::string> path = tensorFile(directory, name);
  if (!path)
    return path.error();
  Expected<Tensor> tensor = readNpy(*path);
  if (!tensor)
    return tensor.error().withContext("parameter '" + name + "'");
  if (tensor->shape() != type.shape || tensor->dtype() != type.dtype)
    return Error(ErrorKind::InvalidArgument,
                 "parameter '" + name + "' in '" + *path + "' is " +
                     tensor->typeString() + ", the entry takes " + type.str());
  return tensor;
}

Expected<std::vector<Tensor>> readParameterFiles(const Signature &signature,
                                                 const std::string &directory) {
  std::vector<Tensor> parameters;
  for (const ArgumentInfo &argument : signature.arguments) {
    if (argument.kind != ArgumentKind::Parameter)
      continue;
    Expected<Tensor> parameter =
        readParameterFile(directory, argument.name, argument.type);
    if (!parameter)
      return parameter.error();
    parameters.push_back(std::move(*parameter));
  }
  return parameters;
}

Expected<void> writeParameterFiles(const Signature &signature,
                                   const std::vector<Tensor> &parameters,
                                   const std::string &directory) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error)
    return Error(ErrorKind::IO, "cannot create parameter directory '" +
                                    directory + "': " + error.message());
  size_t next = 0;
  for (const ArgumentInfo &argument : signature.arguments) {
    if (argument.kind != ArgumentKind::Parameter)
      continue;
    if (next >= parameters.size())
      return Error(ErrorKind::InvalidArgument,
                   "fewer parameters than '" + signature.entry + "' takes");
    Expected<std::string> path = tensorFile(directory, argument.name);
    if (!path)
      return path.error();
    Expected<void> written = writeNpy(*path, parameters[next++]);
    if (!written)
      return written.error();
  }
  return {};
}

} // namespace loom
