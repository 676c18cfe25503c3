//===- WorkspacePool.cpp - Scratch memory for concurrent calls ------------===//
#include "WorkspacePool.h"

#include <new>
#include <string>

namespace loom::detail {

WorkspacePool::~WorkspacePool() {
  for (void *buffer : free)
    ::operator delete(buffer, std::align_val_t(kAlignment));
}

Expected<WorkspacePool::Lease> WorkspacePool::acquire() {
  auto outOfMemory = [&] {
    return Error(ErrorKind::OutOfMemory, "cannot allocate a workspace of " +
                                             std::to_string(bytes) + " bytes");
  };
  std::lock_guard<std::mutex> lock(mutex);
  if (!free.empty()) {
    void *buffer = free.back();
    free.pop_back();
    return Lease(this, buffer);
  }
  // Room for every buffer in `free` now, so `release` never allocates.
  try {
    free.reserve(allocated + 1);
  } catch (const std::bad_alloc &) {
    return outOfMemory();
  }
  // One byte at least: a zero-size workspace still needs a distinct address.
  void *buffer = ::operator new(bytes ? bytes : 1, std::align_val_t(kAlignment),
                                std::nothrow);
  if (!buffer)
    return outOfMemory();
  ++allocated;
  return Lease(this, buffer);
}

void WorkspacePool::release(void *buffer) {
  std::lock_guard<std::mutex> lock(mutex);
  free.push_back(buffer);
}

} // namespace loom::detail
