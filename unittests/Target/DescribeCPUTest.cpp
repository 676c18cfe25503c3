//===- DescribeCPUTest.cpp - loom::describeCPU against the ISA definitions ===//
//
// The expected figures come from the instruction sets, not from LLVM: the
// x86-64 micro-architecture levels (v2: SSE4.2; v3: AVX2 and FMA; v4:
// AVX-512) fix the vector width and the register count (16 ymm/xmm, 32 zmm),
// and Haswell-class cores (the scheduling model of x86-64-v3) issue two FMAs
// per cycle.
//
//===----------------------------------------------------------------------===//
#include "loom/Target/CPU/CPUBackend.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

namespace {

loom::CPUTarget described(const std::string &cpu,
                          const std::string &features = "") {
  loom::Expected<loom::CPUTarget> target = loom::describeCPU(cpu, features);
  EXPECT_TRUE(target) << target.error().message();
  return target ? *target : loom::CPUTarget{};
}

TEST(DescribeCPUTest, X86_64_V3HasAVX2) {
  loom::CPUTarget target = described("x86-64-v3");
  EXPECT_EQ(target.cpu, "x86-64-v3");
  EXPECT_EQ(target.vectorBits, 256u);
  EXPECT_EQ(target.vectorRegisters, 16u);
  EXPECT_EQ(target.fmaUnits, 2u);
  EXPECT_NE(target.triple.find("x86_64"), std::string::npos);
}

TEST(DescribeCPUTest, X86_64_V4HasAVX512) {
  loom::CPUTarget target = described("x86-64-v4");
  EXPECT_EQ(target.vectorBits, 512u);
  EXPECT_EQ(target.vectorRegisters, 32u);
  // LLVM tunes Intel's AVX-512 cores to prefer 256 bits; Loom's kernels use
  // the whole register all the same.
  EXPECT_EQ(described("skylake-avx512").vectorBits, 512u);
}

TEST(DescribeCPUTest, Zen4SplitsItsWideFMAs) {
  // Zen 4 executes a 512-bit FMA on both of its 256-bit FMA pipes.
  loom::CPUTarget target = described("znver4");
  EXPECT_EQ(target.vectorBits, 512u);
  EXPECT_EQ(target.fmaUnits, 1u);
}

TEST(DescribeCPUTest, X86_64_V2HasSSEOnly) {
  loom::CPUTarget target = described("x86-64-v2");
  EXPECT_EQ(target.vectorBits, 128u);
  EXPECT_EQ(target.vectorRegisters, 16u);
  // No FMA instructions: one multiply-add unit by the documented rule.
  EXPECT_EQ(target.fmaUnits, 1u);
}

TEST(DescribeCPUTest, FeaturesChangeTheDescription) {
  loom::CPUTarget without = described("x86-64-v4", "-avx512f");
  EXPECT_EQ(without.vectorBits, 256u);
  EXPECT_EQ(without.vectorRegisters, 16u);
  EXPECT_EQ(without.features, "-avx512f");
  // AVX-512's registers stay; the preferred width narrows.
  loom::CPUTarget narrow = described("x86-64-v4", "+prefer-256-bit");
  EXPECT_EQ(narrow.vectorBits, 256u);
  EXPECT_EQ(narrow.vectorRegisters, 32u);
}

TEST(DescribeCPUTest, HostMatchesProcCpuinfo) {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string text((std::istreambuf_iterator<char>(cpuinfo)),
                   std::istreambuf_iterator<char>());
  if (text.find(" avx2") == std::string::npos)
    GTEST_SKIP() << "the host has no AVX2";
  loom::CPUTarget host = described("host");
  EXPECT_NE(host.cpu, "host");
  EXPECT_FALSE(host.features.empty());
  bool avx512 = text.find(" avx512f") != std::string::npos;
  EXPECT_EQ(host.vectorBits, avx512 ? 512u : 256u);
  EXPECT_EQ(host.vectorRegisters, avx512 ? 32u : 16u);
  // Linux's own figure for the first CPU's L1 data cache.
  std::ifstream size("/sys/devices/system/cpu/cpu0/cache/index0/size");
  std::string l1;
  if (size >> l1 && l1.back() == 'K')
    EXPECT_EQ(host.l1DataCacheBytes, std::stoull(l1) * 1024);
}

TEST(DescribeCPUTest, UnknownCPUListsTheNames) {
  loom::Expected<loom::CPUTarget> target = loom::describeCPU("pentium9");
  ASSERT_FALSE(target);
  std::string message = target.error().message();
  EXPECT_EQ(message.rfind("unknown CPU 'pentium9' for x86_64", 0), 0u) << message;
  EXPECT_NE(message.find(", x86-64-v3, "), std::string::npos) << message;
}

TEST(DescribeCPUTest, UnknownFeatureIsAnError) {
  loom::Expected<loom::CPUTarget> target =
      loom::describeCPU("x86-64-v3", "+avx9000");
  ASSERT_FALSE(target);
  EXPECT_EQ(target.error().message().rfind("unknown CPU feature 'avx9000'", 0), 0u)
      << target.error().message();
}

TEST(CheckCPURunsOnHostTest, TheHostRunsItsOwnCode) {
  loom::Expected<void> runs = loom::checkCPURunsOnHost(described("host"));
  EXPECT_TRUE(runs) << runs.error().message();
}

TEST(CheckCPURunsOnHostTest, NoHostHasBothSSE4aAndENQCMD) {
  // SSE4a is AMD's, ENQCMD Intel's: the host lacks one of them.
  loom::Expected<void> runs =
      loom::checkCPURunsOnHost(described("host", "+sse4a,+enqcmd"));
  ASSERT_FALSE(runs);
  EXPECT_NE(runs.error().message().find("it cannot run here"), std::string::npos)
      << runs.error().message();
}

} // namespace
