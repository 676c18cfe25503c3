//===- CudaDriver.cpp - MLIR's GPU runtime entry points on the CUDA driver ===//
//
// The driver's types are declared here as the CUDA headers define them
// (handles are pointers, device pointers 64-bit integers, results ints), so
// that no CUDA header or library is needed to build.
//
//===----------------------------------------------------------------------===//
#include "loom/Runtime/CudaDriver.h"

#include <dlfcn.h>

#include <cstdint>
#include <mutex>
#include <string>

namespace {

using CUresult = int;
using CUdevice = int;
using CUdeviceptr = unsigned long long;
using Handle = void *;
constexpr CUresult kSuccess = 0;

/// The driver functions Loom calls, resolved from libcuda.so.1.
struct Driver {
  CUresult (*init)(unsigned);
  CUresult (*deviceGet)(CUdevice *, int);
  CUresult (*primaryContextRetain)(Handle *, CUdevice);
  CUresult (*contextSetCurrent)(Handle);
  CUresult (*getErrorString)(CUresult, const char **);
  CUresult (*moduleLoadData)(Handle *, const void *);
  CUresult (*moduleUnload)(Handle);
  CUresult (*moduleGetFunction)(Handle *, Handle, const char *);
  CUresult (*launchKernel)(Handle, unsigned, unsigned, unsigned, unsigned,
                           unsigned, unsigned, unsigned, Handle, void **,
                           void **);
  CUresult (*streamCreate)(Handle *, unsigned);
  CUresult (*streamDestroy)(Handle);
  CUresult (*streamSynchronize)(Handle);
  CUresult (*streamWaitEvent)(Handle, Handle, unsigned);
  CUresult (*eventCreate)(Handle *, unsigned);
  CUresult (*eventDestroy)(Handle);
  CUresult (*eventRecord)(Handle, Handle);
  CUresult (*eventSynchronize)(Handle);
  CUresult (*memAlloc)(CUdeviceptr *, size_t);
  CUresult (*memFree)(CUdeviceptr);
  CUresult (*memcpyAsync)(CUdeviceptr, CUdeviceptr, size_t, Handle);
  CUresult (*memcpyHtoD)(CUdeviceptr, const void *, size_t);
  CUresult (*memcpyDtoH)(void *, CUdeviceptr, size_t);
  CUresult (*memsetD32Async)(CUdeviceptr, unsigned, size_t, Handle);
  CUresult (*memsetD16Async)(CUdeviceptr, unsigned short, size_t, Handle);
  Handle context = nullptr;
};

struct LoadedDriver {
  Driver driver{};
  std::string failure;
};

template <typename Function>
bool resolve(void *library, const char *name, Function &function,
             std::string &failure) {
  function = reinterpret_cast<Function>(dlsym(library, name));
  if (!function && failure.empty())
    failure = std::string("the CUDA driver has no '") + name + "'";
  return function != nullptr;
}

std::string describe(const Driver &driver, CUresult result) {
  const char *text = nullptr;
  if (driver.getErrorString && driver.getErrorString(result, &text) == kSuccess &&
      text)
    return text;
  return "CUDA error " + std::to_string(result);
}

const LoadedDriver &loadedDriver() {
  static const LoadedDriver loaded = [] {
    LoadedDriver result;
    void *library = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!library) {
      const char *reason = dlerror();
      result.failure = std::string("no CUDA driver found (libcuda.so.1: ") +
                       (reason ? reason : "not found") + ")";
      return result;
    }
    Driver &d = result.driver;
    std::string &failure = result.failure;
    resolve(library, "cuInit", d.init, failure);
    resolve(library, "cuDeviceGet", d.deviceGet, failure);
    resolve(library, "cuDevicePrimaryCtxRetain", d.primaryContextRetain, failure);
    resolve(library, "cuCtxSetCurrent", d.contextSetCurrent, failure);
    resolve(library, "cuGetErrorString", d.getErrorString, failure);
    resolve(library, "cuModuleLoadData", d.moduleLoadData, failure);
    resolve(library, "cuModuleUnload", d.moduleUnload, failure);
    resolve(library, "cuModuleGetFunction", d.moduleGetFunction, failure);
    resolve(library, "cuLaunchKernel", d.launchKernel, failure);
    resolve(library, "cuStreamCreate", d.streamCreate, failure);
    resolve(library, "cuStreamDestroy_v2", d.streamDestroy, failure);
    resolve(library, "cuStreamSynchronize", d.streamSynchronize, failure);
    resolve(library, "cuStreamWaitEvent", d.streamWaitEvent, failure);
    resolve(library, "cuEventCreate", d.eventCreate, failure);
    resolve(library, "cuEventDestroy_v2", d.eventDestroy, failure);
    resolve(library, "cuEventRecord", d.eventRecord, failure);
    resolve(library, "cuEventSynchronize", d.eventSynchronize, failure);
    resolve(library, "cuMemAlloc_v2", d.memAlloc, failure);
    resolve(library, "cuMemFree_v2", d.memFree, failure);
    resolve(library, "cuMemcpyAsync", d.memcpyAsync, failure);
    resolve(library, "cuMemcpyHtoD_v2", d.memcpyHtoD, failure);
    resolve(library, "cuMemcpyDtoH_v2", d.memcpyDtoH, failure);
    resolve(library, "cuMemsetD32Async", d.memsetD32Async, failure);
    resolve(library, "cuMemsetD16Async", d.memsetD16Async, failure);
    if (!failure.empty())
      return result;
    CUdevice device = 0;
    CUresult status = d.init(0);
    if (status == kSuccess)
      status = d.deviceGet(&device, 0);
    if (status == kSuccess)
      status = d.primaryContextRetain(&d.context, device);
    if (status != kSuccess)
      result.failure = "the CUDA driver found no usable GPU: " +
                       describe(d, status);
    return result;
  }();
  return loaded;
}

/// The first failure of this thread's GPU calls since it was cleared.
thread_local std::string launchFailure;

/// Why a module failed to load. Modules load when the code is loaded (a
/// global constructor), possibly on another thread and before any call, so
/// the reason is kept for the process and reported by every call that needs
/// one of its kernels.
struct ModuleLoadFailure {
  std::mutex mutex;
  std::string reason;
};

ModuleLoadFailure &moduleLoadFailure() {
  static ModuleLoadFailure *failure = new ModuleLoadFailure;
  return *failure;
}

/// The driver with its context current on this thread, or null (and the
/// reason kept) when there is none.
const Driver *currentDriver() {
  const LoadedDriver &loaded = loadedDriver();
  if (!loaded.failure.empty()) {
    if (launchFailure.empty())
      launchFailure = loaded.failure;
    return nullptr;
  }
  thread_local bool contextCurrent = false;
  if (!contextCurrent) {
    CUresult status = loaded.driver.contextSetCurrent(loaded.driver.context);
    if (status != kSuccess) {
      if (launchFailure.empty())
        launchFailure = "cuCtxSetCurrent: " + describe(loaded.driver, status);
      return nullptr;
    }
    contextCurrent = true;
  }
  return &loaded.driver;
}

/// Records the failure of `call` unless an earlier one is kept; true when
/// `result` is a success.
bool check(const Driver &driver, CUresult result, const char *call) {
  if (result == kSuccess)
    return true;
  if (launchFailure.empty())
    launchFailure = std::string(call) + ": " + describe(driver, result);
  return false;
}

CUdeviceptr devicePointer(const void *pointer) {
  return static_cast<CUdeviceptr>(reinterpret_cast<uintptr_t>(pointer));
}

} // namespace

namespace loom::cuda {

Expected<void> ensureDriver() {
  const LoadedDriver &loaded = loadedDriver();
  if (!loaded.failure.empty())
    return Error(ErrorKind::Unsupported, loaded.failure);
  if (!currentDriver())
    return takeLaunchError();
  return {};
}

Expected<void *> allocate(size_t bytes) {
  const Driver *driver = currentDriver();
  CUdeviceptr pointer = 0;
  if (!driver || !check(*driver, driver->memAlloc(&pointer, bytes ? bytes : 1),
                        "cuMemAlloc")) {
    Expected<void> failure = takeLaunchError();
    return Error(ErrorKind::OutOfMemory,
                 "cannot allocate " + std::to_string(bytes) +
                     " bytes of GPU memory: " +
                     (failure ? std::string("unknown") : failure.error().message()));
  }
  return reinterpret_cast<void *>(static_cast<uintptr_t>(pointer));
}

void release(void *device) {
  if (const Driver *driver = currentDriver())
    driver->memFree(devicePointer(device));
}

Expected<void> copyToDevice(void *device, const void *host, size_t bytes) {
  const Driver *driver = currentDriver();
  if (driver && bytes)
    check(*driver, driver->memcpyHtoD(devicePointer(device), host, bytes),
          "cuMemcpyHtoD");
  return takeLaunchError();
}

Expected<void> copyToHost(void *host, const void *device, size_t bytes) {
  const Driver *driver = currentDriver();
  if (driver && bytes)
    check(*driver, driver->memcpyDtoH(host, devicePointer(device), bytes),
          "cuMemcpyDtoH");
  return takeLaunchError();
}

void clearLaunchError() { launchFailure.clear(); }

Expected<void> takeLaunchError() {
  if (launchFailure.empty())
    return {};
  std::string failure = std::move(launchFailure);
  launchFailure.clear();
  return Error(ErrorKind::Unsupported, "GPU: " + failure);
}

} // namespace loom::cuda

// The entry points of MLIR's GPU-to-LLVM lowering (gpu-to-llvm), with the
// signatures it declares. After a failure each does nothing, so a call stops
// doing work at its first error, which the runtime then reports.
extern "C" {

void *mgpuModuleLoad(void *data, size_t) {
  const Driver *driver = currentDriver();
  Handle module = nullptr;
  if (driver)
    check(*driver, driver->moduleLoadData(&module, data), "cuModuleLoadData");
  if (!module) {
    ModuleLoadFailure &failure = moduleLoadFailure();
    std::lock_guard<std::mutex> lock(failure.mutex);
    if (failure.reason.empty())
      failure.reason = launchFailure.empty() ? "cuModuleLoadData failed"
                                             : launchFailure;
  }
  return module;
}

// PTX: the driver compiles it for the GPU it finds.
void *mgpuModuleLoadJIT(void *data, int) { return mgpuModuleLoad(data, 0); }

void mgpuModuleUnload(void *module) {
  const Driver *driver = currentDriver();
  if (driver && module)
    check(*driver, driver->moduleUnload(module), "cuModuleUnload");
}

void *mgpuModuleGetFunction(void *module, const char *name) {
  const Driver *driver = currentDriver();
  Handle function = nullptr;
  if (driver && !module && launchFailure.empty()) {
    ModuleLoadFailure &failure = moduleLoadFailure();
    std::lock_guard<std::mutex> lock(failure.mutex);
    launchFailure = "the kernels' module did not load: " + failure.reason;
  }
  if (driver && module)
    check(*driver, driver->moduleGetFunction(&function, module, name),
          "cuModuleGetFunction");
  return function;
}

void mgpuLaunchKernel(void *function, intptr_t gridX, intptr_t gridY,
                      intptr_t gridZ, intptr_t blockX, intptr_t blockY,
                      intptr_t blockZ, int32_t sharedMemoryBytes, void *stream,
                      void **params, void **extra, size_t) {
  const Driver *driver = currentDriver();
  if (!driver || !launchFailure.empty())
    return;
  if (!function) {
    launchFailure = "a kernel of the call was not found";
    return;
  }
  check(*driver,
        driver->launchKernel(function, gridX, gridY, gridZ, blockX, blockY,
                             blockZ, sharedMemoryBytes, stream, params, extra),
        "cuLaunchKernel");
}

void *mgpuStreamCreate() {
  const Driver *driver = currentDriver();
  Handle stream = nullptr;
  if (driver)
    check(*driver, driver->streamCreate(&stream, /*CU_STREAM_NON_BLOCKING=*/1),
          "cuStreamCreate");
  return stream;
}

void mgpuStreamDestroy(void *stream) {
  const Driver *driver = currentDriver();
  if (driver && stream)
    check(*driver, driver->streamDestroy(stream), "cuStreamDestroy");
}

void mgpuStreamSynchronize(void *stream) {
  const Driver *driver = currentDriver();
  if (driver && stream)
    check(*driver, driver->streamSynchronize(stream), "cuStreamSynchronize");
}

void mgpuStreamWaitEvent(void *stream, void *event) {
  const Driver *driver = currentDriver();
  if (driver && stream && event)
    check(*driver, driver->streamWaitEvent(stream, event, 0),
          "cuStreamWaitEvent");
}

void *mgpuEventCreate() {
  const Driver *driver = currentDriver();
  Handle event = nullptr;
  if (driver)
    check(*driver, driver->eventCreate(&event, /*CU_EVENT_DISABLE_TIMING=*/2),
          "cuEventCreate");
  return event;
}

void mgpuEventDestroy(void *event) {
  const Driver *driver = currentDriver();
  if (driver && event)
    check(*driver, driver->eventDestroy(event), "cuEventDestroy");
}

void mgpuEventSynchronize(void *event) {
  const Driver *driver = currentDriver();
  if (driver && event)
    check(*driver, driver->eventSynchronize(event), "cuEventSynchronize");
}

void mgpuEventRecord(void *event, void *stream) {
  const Driver *driver = currentDriver();
  if (driver && event)
    check(*driver, driver->eventRecord(event, stream), "cuEventRecord");
}

void *mgpuMemAlloc(uint64_t bytes, void *, bool) {
  const Driver *driver = currentDriver();
  CUdeviceptr pointer = 0;
  if (driver)
    check(*driver, driver->memAlloc(&pointer, bytes ? bytes : 1), "cuMemAlloc");
  return reinterpret_cast<void *>(static_cast<uintptr_t>(pointer));
}

void mgpuMemFree(void *pointer, void *) {
  const Driver *driver = currentDriver();
  if (driver && pointer)
    check(*driver, driver->memFree(devicePointer(pointer)), "cuMemFree");
}

void mgpuMemcpy(void *destination, void *source, size_t bytes, void *stream) {
  const Driver *driver = currentDriver();
  if (driver && bytes)
    check(*driver,
          driver->memcpyAsync(devicePointer(destination), devicePointer(source),
                              bytes, stream),
          "cuMemcpyAsync");
}

void mgpuMemset32(void *destination, unsigned value, size_t count,
                  void *stream) {
  const Driver *driver = currentDriver();
  if (driver && count)
    check(*driver,
          driver->memsetD32Async(devicePointer(destination), value, count,
                                 stream),
          "cuMemsetD32Async");
}

void mgpuMemset16(void *destination, unsigned short value, size_t count,
                  void *stream) {
  const Driver *driver = currentDriver();
  if (driver && count)
    check(*driver,
          driver->memsetD16Async(devicePointer(destination), value, count,
                                 stream),
          "cuMemsetD16Async");
}

} // extern "C"
