# -*- Python -*-
# Loaded by both lit configs. In a build with LOOM_SANITIZE, a finding of
# any sanitizer fails its test with a stack trace; LeakSanitizer runs with
# AddressSanitizer and reports leaks at exit. allow_user_poisoning=0: LLVM's
# headers poison the free space of BumpPtrAllocator slabs when they see ASan,
# and Debian's uninstrumented LLVM/MLIR libraries allocate from the same slabs
# without unpoisoning, which ASan would report as use-after-poison.
# intercept_tls_get_addr=0: GCC 12's runtime mistakes a dynamic TLS block
# (libomp's workers, dlopen'ed artifacts) that malloc happens to place at a
# certain page offset for a pre-2.25 glibc header and reads a bogus range, so
# LeakSanitizer's tracer intermittently dies with SIGSEGV at exit after every
# test passed. Static TLS and the threads' stacks are still scanned.
if config.loom_sanitize:
    config.environment["ASAN_OPTIONS"] = (
        "detect_leaks=1:allow_user_poisoning=0:intercept_tls_get_addr=0")
    config.environment["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"
    config.environment["LSAN_OPTIONS"] = "report_objects=1"
