//===- Communicator.cpp - Single-process and MPI communicators ------------===//
#include "loom/Runtime/Communicator.h"

#include "CollectiveCalls.h"

#include <chrono>
#include <climits>
#include <cstdlib>
#include <map>
#include <mutex>

#ifdef LOOM_HAVE_MPI
// MPI's C API only: the deprecated C++ bindings need their own library.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>
#endif

namespace loom {
namespace {

/// The live communicators by handle (the world of one process is 0).
struct Registry {
  std::mutex mutex;
  std::map<int64_t, Communicator *> byHandle;
  int64_t nextHandle = 1;
};

/// Never destroyed: communicators held by other static objects unregister
/// during exit, in whatever order those are destroyed.
Registry &registry() {
  static Registry *instance = new Registry;
  return *instance;
}

class SingleProcess final : public Communicator {
public:
  SingleProcess() : Communicator(0, 1, /*worldOfOne=*/true) {}
  std::string name() const override { return "single process"; }
  Expected<void> broadcast(void *, size_t, int root) override {
    if (root != 0)
      return Error(ErrorKind::InvalidArgument,
                   "broadcast from rank " + std::to_string(root) +
                       " in a world of one process");
    return {};
  }
  Expected<void> barrier() override { return {}; }
  [[noreturn]] void abort(int exitCode) override { std::exit(exitCode); }

protected:
  Expected<void> allReduceSum(void *, size_t, size_t) override { return {}; }
};

#ifdef LOOM_HAVE_MPI
Error mpiError(const std::string &what, int code) {
  char text[MPI_MAX_ERROR_STRING];
  int length = 0;
  MPI_Error_string(code, text, &length);
  return Error(ErrorKind::IO, what + " failed: " + std::string(text, length));
}

/// The largest count one MPI call takes (an int), in elements of `bytes`.
size_t chunkElements(size_t bytes) { return static_cast<size_t>(INT_MAX) / bytes; }

class MPIWorld final : public Communicator {
public:
  MPIWorld(int rank, int size) : Communicator(rank, size) {}
  std::string name() const override { return "MPI"; }

  Expected<void> broadcast(void *data, size_t bytes, int root) override {
    auto *cursor = static_cast<char *>(data);
    for (size_t done = 0; done < bytes;) {
      size_t count = std::min(bytes - done, chunkElements(1));
      int code = MPI_Bcast(cursor + done, static_cast<int>(count), MPI_BYTE,
                           root, MPI_COMM_WORLD);
      if (code != MPI_SUCCESS)
        return mpiError("MPI_Bcast", code);
      done += count;
    }
    return {};
  }
  Expected<void> barrier() override {
    int code = MPI_Barrier(MPI_COMM_WORLD);
    if (code != MPI_SUCCESS)
      return mpiError("MPI_Barrier", code);
    return {};
  }
  [[noreturn]] void abort(int exitCode) override {
    MPI_Abort(MPI_COMM_WORLD, exitCode);
    std::exit(exitCode);
  }

protected:
  Expected<void> allReduceSum(void *data, size_t count,
                              size_t elementBytes) override {
    MPI_Datatype type = elementBytes == 4 ? MPI_FLOAT : MPI_DOUBLE;
    auto *cursor = static_cast<char *>(data);
    for (size_t done = 0; done < count;) {
      size_t part = std::min(count - done, chunkElements(elementBytes));
      int code = MPI_Allreduce(MPI_IN_PLACE, cursor + done * elementBytes,
                               static_cast<int>(part), type, MPI_SUM,
                               MPI_COMM_WORLD);
      if (code != MPI_SUCCESS)
        return mpiError("MPI_Allreduce", code);
      done += part;
    }
    return {};
  }
};

void finalizeMPI() {
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (!finalized)
    MPI_Finalize();
}
#endif

} // namespace

Communicator::Communicator(int rank, int size, bool worldOfOne)
    : rankInWorld(rank), worldSize(size) {
  Registry &all = registry();
  std::lock_guard lock(all.mutex);
  registeredHandle = worldOfOne ? 0 : all.nextHandle++;
  all.byHandle[registeredHandle] = this;
}

Communicator::~Communicator() {
  Registry &all = registry();
  std::lock_guard lock(all.mutex);
  all.byHandle.erase(registeredHandle);
}

template <typename T>
Expected<void> Communicator::allReduceOf(T *data, size_t count,
                                         CollectiveReductionCode kind) {
  if (kind != CollectiveReductionCode::Sum &&
      kind != CollectiveReductionCode::Mean)
    return Error(ErrorKind::InvalidArgument,
                 "unknown all-reduce kind " +
                     std::to_string(static_cast<int64_t>(kind)));
  auto start = std::chrono::steady_clock::now();
  Expected<void> reduced = allReduceSum(data, count, sizeof(T));
  if (!reduced)
    return reduced;
  if (kind == CollectiveReductionCode::Mean && worldSize > 1)
    for (size_t i = 0; i < count; ++i)
      data[i] /= static_cast<T>(worldSize);
  secondsInAllReduce += std::chrono::duration<double>(
                            std::chrono::steady_clock::now() - start)
                            .count();
  ++callsOfAllReduce;
  return {};
}

Expected<void> Communicator::allReduce(float *data, size_t count,
                                       CollectiveReductionCode kind) {
  return allReduceOf(data, count, kind);
}

Expected<void> Communicator::allReduce(double *data, size_t count,
                                       CollectiveReductionCode kind) {
  return allReduceOf(data, count, kind);
}

std::shared_ptr<Communicator> singleProcess() {
  static std::shared_ptr<Communicator> world = std::make_shared<SingleProcess>();
  return world;
}

bool builtWithMPI() {
#ifdef LOOM_HAVE_MPI
  return true;
#else
  return false;
#endif
}

bool launchedByMPI() {
  for (const char *variable :
       {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "MPI_LOCALNRANKS"})
    if (std::getenv(variable))
      return true;
  return false;
}

Expected<std::shared_ptr<Communicator>> mpiWorld() {
#ifdef LOOM_HAVE_MPI
  static std::mutex mutex;
  static std::shared_ptr<Communicator> world;
  std::lock_guard lock(mutex);
  if (world)
    return world;
  int initialized = 0;
  MPI_Initialized(&initialized);
  if (!initialized) {
    int provided = 0;
    int code = MPI_Init_thread(nullptr, nullptr, MPI_THREAD_SERIALIZED, &provided);
    if (code != MPI_SUCCESS)
      return mpiError("MPI_Init_thread", code);
    std::atexit(finalizeMPI);
  }
  // Failures come back as errors, so they reach the program's error path.
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  world = std::make_shared<MPIWorld>(rank, size);
  return world;
#else
  return Error(ErrorKind::Unsupported,
               "this Loom was built without MPI: install libopenmpi-dev and "
               "openmpi-bin, then configure again (LOOM_ENABLE_MPI)");
#endif
}

Communicator *findCommunicator(int64_t handle) {
  Registry &all = registry();
  if (handle == 0)
    return singleProcess().get();
  std::lock_guard lock(all.mutex);
  auto found = all.byHandle.find(handle);
  return found == all.byHandle.end() ? nullptr : found->second;
}

} // namespace loom

namespace loom::detail {
namespace {

thread_local std::optional<Error> *currentFailure = nullptr;

void recordFailure(Error error) {
  if (currentFailure && !*currentFailure)
    currentFailure->emplace(std::move(error));
}

/// Called by compiled all-reduces (loom/Support/Collectives.h).
template <typename T>
void allReduceBucket(int64_t handle, int64_t kind, int64_t rank,
                     const void *descriptor) {
  if (currentFailure && *currentFailure)
    return;
  Communicator *communicator = findCommunicator(handle);
  if (!communicator)
    return recordFailure(Error(ErrorKind::InvalidArgument,
                               "loom.all_reduce: no live communicator has "
                               "handle " + std::to_string(handle)));
  if (rank != 1)
    return recordFailure(Error(ErrorKind::InvalidArgument,
                               "loom.all_reduce: the bucket has rank " +
                                   std::to_string(rank) + ", not 1"));
  // {T *allocated, T *aligned, int64 offset, int64 size, int64 stride}
  auto pointers = static_cast<T *const *>(descriptor);
  auto words = reinterpret_cast<const int64_t *>(pointers + 2);
  T *data = pointers[1] + words[0];
  Expected<void> reduced = communicator->allReduce(
      data, static_cast<size_t>(words[1]),
      static_cast<CollectiveReductionCode>(kind));
  if (!reduced)
    recordFailure(reduced.error().withContext("loom.all_reduce"));
}

} // namespace

ScopedCollectiveFailure::ScopedCollectiveFailure(std::optional<Error> &failure)
    : previous(currentFailure) {
  currentFailure = &failure;
}

ScopedCollectiveFailure::~ScopedCollectiveFailure() { currentFailure = previous; }

} // namespace loom::detail

// The symbols of loom/Support/Collectives.h, exported by LoomRuntime: code
// the JIT runs is handed their addresses (collectiveSymbols), saved
// artifacts and ahead-of-time objects link against them by name.
extern "C" void loomAllReduceF32(int64_t handle, int64_t kind, int64_t rank,
                                 const void *descriptor) {
  loom::detail::allReduceBucket<float>(handle, kind, rank, descriptor);
}

extern "C" void loomAllReduceF64(int64_t handle, int64_t kind, int64_t rank,
                                 const void *descriptor) {
  loom::detail::allReduceBucket<double>(handle, kind, rank, descriptor);
}

std::vector<std::pair<std::string, void *>> loom::detail::collectiveSymbols() {
  return {
      {kAllReduceF32Function, reinterpret_cast<void *>(&loomAllReduceF32)},
      {kAllReduceF64Function, reinterpret_cast<void *>(&loomAllReduceF64)},
  };
}
