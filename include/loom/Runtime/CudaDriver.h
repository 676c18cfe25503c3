//===- CudaDriver.h - The CUDA driver, loaded when first needed -*- C++ -*-===//
//
// Code compiled for the "nvptx" target launches its kernels through the
// `mgpu*` entry points that MLIR's GPU lowering calls. LoomRuntime defines
// them on the CUDA driver API, which it loads with dlopen("libcuda.so.1")
// the first time a GPU is needed: building Loom needs no CUDA, and a machine
// without a driver gets the error "no CUDA driver found", never a crash.
//
// The entry points cannot return errors (their signatures are MLIR's), so
// the first failure of a call is kept per thread: the runtime clears it
// before calling GPU code and takes it after (`takeLaunchError`).
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_RUNTIME_CUDADRIVER_H
#define LOOM_RUNTIME_CUDADRIVER_H

#include "loom/Support/Error.h"

#include <cstddef>

namespace loom::cuda {

/// Loads the driver, initializes it and makes the primary context of GPU 0
/// current on this thread, once per process (and the context once per
/// thread). ErrorKind::Unsupported "no CUDA driver found (...)" when
/// libcuda.so.1 cannot be loaded, or an error naming the driver call that
/// failed (e.g. no GPU).
Expected<void> ensureDriver();

/// Device memory (after ensureDriver).
Expected<void *> allocate(size_t bytes);
void release(void *device);
Expected<void> copyToDevice(void *device, const void *host, size_t bytes);
Expected<void> copyToHost(void *host, const void *device, size_t bytes);

/// Forgets the failure the mgpu* entry points recorded on this thread.
void clearLaunchError();
/// The first failure the mgpu* entry points recorded on this thread since
/// clearLaunchError, and clears it.
Expected<void> takeLaunchError();

} // namespace loom::cuda

#endif
