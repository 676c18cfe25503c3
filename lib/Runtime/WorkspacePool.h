//===- WorkspacePool.h - Scratch memory for concurrent calls ----*- C++ -*-===//
//
// Private to lib/Runtime. An entry compiled with `loom-plan-workspace` takes
// its temporaries in one buffer of a size fixed at compile time; the pool
// hands each call a buffer of its own and keeps it for the next call, so a
// repeated call allocates nothing and touches memory that is already mapped.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_LIB_RUNTIME_WORKSPACEPOOL_H
#define LOOM_LIB_RUNTIME_WORKSPACEPOOL_H

#include "loom/Support/Error.h"

#include <cstddef>
#include <mutex>
#include <vector>

namespace loom::detail {

class WorkspacePool {
public:
  /// Buffers are this aligned; the compiled code's offsets assume it.
  static constexpr size_t kAlignment = 64;

  explicit WorkspacePool(size_t bytes) : bytes(bytes) {}
  WorkspacePool(const WorkspacePool &) = delete;
  WorkspacePool &operator=(const WorkspacePool &) = delete;
  ~WorkspacePool();

  /// A buffer for one call, returned to the pool when it goes out of scope.
  class Lease {
  public:
    Lease(Lease &&other) noexcept
        : pool(other.pool), buffer(other.buffer) {
      other.pool = nullptr;
    }
    Lease(const Lease &) = delete;
    Lease &operator=(const Lease &) = delete;
    Lease &operator=(Lease &&) = delete;
    ~Lease() {
      if (pool)
        pool->release(buffer);
    }
    void *data() const { return buffer; }

  private:
    friend class WorkspacePool;
    Lease(WorkspacePool *pool, void *buffer) : pool(pool), buffer(buffer) {}
    WorkspacePool *pool;
    void *buffer;
  };

  /// A free buffer, or a new one (OutOfMemory when that fails). Safe to call
  /// from several threads; each caller gets a buffer no one else holds.
  Expected<Lease> acquire();

  size_t size() const { return bytes; }

private:
  void release(void *buffer);

  size_t bytes;
  std::mutex mutex;
  std::vector<void *> free;
  /// Buffers made, free or leased.
  size_t allocated = 0;
};

} // namespace loom::detail

#endif
