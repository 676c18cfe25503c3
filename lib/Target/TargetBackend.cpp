//===- TargetBackend.cpp - The registry of target backends ----------------===//
#include "loom/Target/TargetBackend.h"

#include "loom/Target/CPU/CPUBackend.h"
#include "loom/Target/GPU/NVPTXBackend.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <mutex>

namespace loom {
namespace {

struct Registry {
  std::mutex mutex;
  std::vector<std::unique_ptr<TargetBackend>> backends;
};

Registry &registry() {
  static Registry *instance = [] {
    auto *result = new Registry;
    result->backends.push_back(createCPUBackend());
    result->backends.push_back(createNVPTXBackend());
    result->backends.push_back(createNVPTXHostEmulationBackend());
    return result;
  }();
  return *instance;
}

} // namespace

llvm::StringRef artifactKindName(ArtifactKind kind) {
  switch (kind) {
  case ArtifactKind::ObjectFile:
    return "object file";
  case ArtifactKind::ObjectFileWithPTX:
    return "object file with PTX kernels";
  }
  return "artifact";
}

const TargetBackend *lookupTargetBackend(llvm::StringRef name) {
  Registry &backends = registry();
  std::lock_guard<std::mutex> lock(backends.mutex);
  for (const std::unique_ptr<TargetBackend> &backend : backends.backends)
    if (backend->name() == name)
      return backend.get();
  return nullptr;
}

std::vector<const TargetBackend *> targetBackends() {
  Registry &backends = registry();
  std::lock_guard<std::mutex> lock(backends.mutex);
  std::vector<const TargetBackend *> result;
  for (const std::unique_ptr<TargetBackend> &backend : backends.backends)
    result.push_back(backend.get());
  return result;
}

Expected<const TargetBackend *> targetBackendNamed(llvm::StringRef name) {
  if (const TargetBackend *backend = lookupTargetBackend(name))
    return backend;
  std::vector<std::string> names;
  for (const TargetBackend *backend : targetBackends())
    names.push_back(backend->name().str());
  return Error(ErrorKind::InvalidArgument, "unknown target '" + name.str() + "'; targets: " +
               llvm::join(names, ", "));
}

Expected<void>
registerTargetBackend(std::unique_ptr<TargetBackend> backend) {
  Registry &backends = registry();
  std::lock_guard<std::mutex> lock(backends.mutex);
  for (const std::unique_ptr<TargetBackend> &registered : backends.backends)
    if (registered->name() == backend->name())
      return Error(ErrorKind::InvalidArgument,
                   "a target named '" + backend->name().str() +
                       "' is already registered");
  backends.backends.push_back(std::move(backend));
  return {};
}

} // namespace loom
