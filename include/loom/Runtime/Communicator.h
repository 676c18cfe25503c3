//===- Communicator.h - The ranks a data-parallel step runs on -*- C++ -*-===//
//
// A Communicator is a group of processes (ranks) that run the same compiled
// code on different data and combine values with collectives. Compiled
// `loom.all_reduce` ops name one by its `handle()` (loom/Support/
// Collectives.h); the runtime looks the handle up when the op runs.
//
// Two kinds exist: the world of one process (`singleProcess()`, handle 0,
// always there, where collectives change nothing), and MPI's world
// (`mpiWorld()`, every process `mpirun` started), which this build has when
// it was configured with MPI (`builtWithMPI()`). MPI is initialized the
// first time `mpiWorld()` is called and finalized when the process exits.
//
// Collectives are deterministic: MPI reduces in an order fixed by the number
// of ranks and the message size, never by timing, so the same job run twice
// gives the same bits. A `mean` is the sum divided by the number of ranks.
//
// A rank that fails must not leave the others waiting in a collective:
// `abort` ends every rank of the job (MPI_Abort); programs call it instead of
// returning when a rank's error would otherwise hang the job.
//
// Threads: one thread at a time calls a Communicator's collectives (MPI is
// initialized with MPI_THREAD_SERIALIZED); handles may be looked up from any
// thread.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_RUNTIME_COMMUNICATOR_H
#define LOOM_RUNTIME_COMMUNICATOR_H

#include "loom/Support/Collectives.h"
#include "loom/Support/Error.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace loom {

class Communicator {
public:
  virtual ~Communicator();
  Communicator(const Communicator &) = delete;
  Communicator &operator=(const Communicator &) = delete;

  /// This process's rank, 0..size()-1.
  int rank() const { return rankInWorld; }
  int size() const { return worldSize; }
  /// What compiled all-reduce ops take to reach this communicator; valid
  /// while it lives.
  int64_t handle() const { return registeredHandle; }
  /// "single process" or "MPI".
  virtual std::string name() const = 0;

  /// Reduces `count` elements at `data` in place across the ranks.
  Expected<void> allReduce(float *data, size_t count,
                           CollectiveReductionCode kind);
  Expected<void> allReduce(double *data, size_t count,
                           CollectiveReductionCode kind);
  /// Copies `bytes` bytes at `data` from rank `root` to every other rank.
  virtual Expected<void> broadcast(void *data, size_t bytes, int root) = 0;
  /// Returns when every rank has called it.
  virtual Expected<void> barrier() = 0;
  /// Ends every rank of the job with `exitCode`; does not return.
  [[noreturn]] virtual void abort(int exitCode) = 0;

  /// Seconds this process spent in allReduce since the communicator was
  /// made, and how many calls that was: the cost of the exchange.
  double exchangeSeconds() const { return secondsInAllReduce; }
  uint64_t allReduceCalls() const { return callsOfAllReduce; }

protected:
  /// Registers the communicator under a new handle (from 1 up); the world of
  /// one process passes `worldOfOne` and gets handle 0.
  Communicator(int rank, int size, bool worldOfOne = false);
  /// Reduces in place; `elementBytes` is 4 (f32) or 8 (f64).
  virtual Expected<void> allReduceSum(void *data, size_t count,
                                      size_t elementBytes) = 0;

private:
  template <typename T>
  Expected<void> allReduceOf(T *data, size_t count, CollectiveReductionCode kind);

  int rankInWorld;
  int worldSize;
  int64_t registeredHandle;
  double secondsInAllReduce = 0;
  uint64_t callsOfAllReduce = 0;
};

/// The world of one process (handle 0).
std::shared_ptr<Communicator> singleProcess();

/// Whether this build of Loom can run on MPI.
bool builtWithMPI();

/// Whether `mpirun`/`mpiexec` (Open MPI, MPICH or a PMI launcher) started
/// this process.
bool launchedByMPI();

/// Every process of the MPI job. Unsupported when Loom was built without
/// MPI (the message says how to build it with MPI).
Expected<std::shared_ptr<Communicator>> mpiWorld();

/// The communicator behind `handle`, or null when no live communicator has
/// it.
Communicator *findCommunicator(int64_t handle);

} // namespace loom

#endif
