# -*- Python -*-
import os
import shutil

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "Loom"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.loom_obj_root, "test")
# Unit/ is its own suite (GoogleTest format) with its own config.
config.excludes = ["Unit", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%loom_src", config.loom_src_root))
config.substitutions.append(("%loom_lib", os.path.join(config.loom_obj_root, "lib")))
config.substitutions.append(("%loom_bin", config.loom_tools_dir))
config.substitutions.append(("%loom_unittests",
                             os.path.join(config.loom_obj_root, "unittests")))
config.substitutions.append(("%loom_obj", config.loom_obj_root))
llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()
# loomc and the examples use the on-disk compile cache by default: keep the
# suite's entries in the build tree, never in the user's ~/.cache.
config.environment["LOOM_CACHE_DIR"] = os.path.join(
    config.loom_obj_root, "test", "loom-cache")

# Fashion-MNIST from Debian's dataset-fashion-mnist, for the training tests.
fmnist = "/usr/share/datasets/fashion-mnist"
if os.path.exists(os.path.join(fmnist, "train-images-idx3-ubyte.gz")):
    config.available_features.add("fashion-mnist")
config.substitutions.append(("%fmnist", fmnist))
# The host CPU's AVX-512, for tests that check the emitted vector instructions;
# AVX2 with FMA (x86-64-v3), for tests that run code for that CPU.
with open("/proc/cpuinfo") as cpuinfo:
    cpu_flags = cpuinfo.read()
    if " avx512f" in cpu_flags:
        config.available_features.add("avx512")
    if " avx2" in cpu_flags and " fma" in cpu_flags:
        config.available_features.add("x86-64-v3")
# Code for more than one thread (LOOM_ENABLE_OPENMP); a sanitized build
# (LOOM_SANITIZE), whose libraries an outside program cannot link plainly.
if config.loom_openmp.upper() in ("ON", "1", "TRUE", "YES"):
    config.available_features.add("openmp")
if config.loom_sanitize:
    config.available_features.add("sanitizers")
# The CUDA toolkit's PTX assembler checks the nvptx target's PTX; the tests
# that need it are skipped, and lit says so, where it is absent.
ptxas = shutil.which("ptxas") or "/usr/local/cuda/bin/ptxas"
if os.path.exists(ptxas):
    config.available_features.add("ptxas")
    config.substitutions.append(("%ptxas", ptxas))
else:
    lit_config.note("ptxas is not available (the CUDA toolkit's, under "
                    "/usr/local/cuda/bin): the tests that assemble PTX are "
                    "skipped")
# A GPU: the CUDA driver loads and finds a device. Without one, the tests
# that run GPU code are skipped, and lit says so.
def has_cuda_gpu():
    import ctypes
    try:
        driver = ctypes.CDLL("libcuda.so.1")
    except OSError:
        return False
    count = ctypes.c_int(0)
    return (driver.cuInit(0) == 0 and
            driver.cuDeviceGetCount(ctypes.byref(count)) == 0 and
            count.value > 0)
if has_cuda_gpu():
    config.available_features.add("cuda-gpu")
else:
    lit_config.note("skipped: no GPU (no CUDA driver or device): the tests "
                    "that run GPU code are skipped")
# MPI (LOOM_ENABLE_MPI found Open MPI): test/Distributed runs its ranks with
# %mpirun. Without it those tests are skipped, and lit says why.
mpirun = shutil.which("mpirun")
if config.loom_mpi.upper() in ("ON", "1", "TRUE", "YES") and mpirun:
    config.available_features.add("mpi")
    # Root in CI containers, more ranks than cores on small machines; no
    # pinning, so that tests running side by side share the cores. Open MPI
    # itself leaks at exit, which a sanitized build's LeakSanitizer would
    # report against the test.
    launcher = mpirun + " --allow-run-as-root --oversubscribe --bind-to none"
    if config.loom_sanitize:
        launcher = ("env ASAN_OPTIONS=detect_leaks=0:allow_user_poisoning=0:"
                    "intercept_tls_get_addr=0 " + launcher)
    config.substitutions.append(("%mpirun", launcher))
else:
    lit_config.note("MPI is not available (install libopenmpi-dev and "
                    "openmpi-bin, then configure again): the data-parallel "
                    "tests in test/Distributed are skipped")
lit_config.load_config(
    config, os.path.join(config.loom_src_root, "test", "lit.sanitizers.py"))

llvm_config.with_environment("PATH", config.loom_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
tool_dirs = [config.loom_tools_dir, config.llvm_tools_dir]
tools = ["loom-opt", "loomc", "loom-difftest", "loom-run", "loom-dp-check"]
llvm_config.add_tool_substitutions(tools, tool_dirs)
