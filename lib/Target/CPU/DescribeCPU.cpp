//===- DescribeCPU.cpp - What LLVM knows about a CPU ----------------------===//
//
// Every number of a CPUTarget comes from LLVM's model of the CPU where LLVM
// has one, so that a CPU name means the same to Loom's strategy as to LLVM's
// instruction selection and scheduling:
//   vector width - the widest vector instruction set (AVX-512, AVX, SSE) on
//     x86, narrowed only by a prefer-vector-width feature the user gives;
//     TargetTransformInfo's preferred width elsewhere;
//   vector register count - TargetTransformInfo;
//   FMA units - the reciprocal throughput of a vector FMA in the CPU's
//     scheduling model;
//   caches - the host's sysfs for "host", else TargetTransformInfo, else the
//     defaults of CPUTarget.
//
//===----------------------------------------------------------------------===//
#include "loom/Target/CPU/CPUBackend.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Analysis/TargetTransformInfo.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/MCInstrInfo.h"
#include "llvm/MC/MCSchedule.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"
#include "llvm/TargetParser/Triple.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <mutex>
#include <optional>

namespace loom {
namespace {

void initializeNativeTargetOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    llvm::InitializeNativeTargetAsmParser();
  });
}

std::string hostTriple() {
  return llvm::Triple::normalize(llvm::sys::getProcessTriple());
}

Expected<const llvm::Target *> llvmTargetFor(const std::string &triple) {
  std::string message;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(llvm::Triple(triple), message);
  if (!target)
    return Error(ErrorKind::Unsupported, "LLVM cannot generate code for '" + triple + "': " + message);
  return target;
}

/// The host's features as LLVM names them, sorted so that the string is the
/// same from run to run.
std::string hostFeatures() {
  std::vector<std::string> features;
  for (const auto &feature : llvm::sys::getHostCPUFeatures())
    features.push_back((feature.second ? "+" : "-") + feature.first().str());
  llvm::sort(features);
  return llvm::join(features, ",");
}

/// An error unless every feature of `features` is one `info` knows.
Expected<void> checkFeatureNames(const llvm::MCSubtargetInfo &info,
                                           std::string_view features) {
  llvm::StringSet<> known;
  for (const llvm::SubtargetFeatureKV &feature : info.getAllProcessorFeatures())
    known.insert(feature.Key);
  llvm::SmallVector<llvm::StringRef> items;
  llvm::StringRef(features.data(), features.size())
      .split(items, ',', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (llvm::StringRef item : items) {
    llvm::StringRef name = item.trim();
    if (!name.consume_front("+") && !name.consume_front("-"))
      return Error(ErrorKind::InvalidArgument, "CPU feature '" + item.str() +
                   "' must start with + (add) or - (remove)");
    if (!known.contains(name))
      return Error(ErrorKind::InvalidArgument, "unknown CPU feature '" + name.str() +
                   "'; `llc -mattr=help` lists LLVM's features, e.g. avx2, "
                   "fma, avx512f, prefer-256-bit");
  }
  return {};
}

Error unknownCPU(std::string_view cpu, const std::string &triple,
                 const llvm::MCSubtargetInfo &info) {
  std::vector<std::string> names{"host"};
  for (const llvm::SubtargetSubTypeKV &processor :
       info.getAllProcessorDescriptions())
    names.push_back(processor.Key);
  return Error(ErrorKind::InvalidArgument, "unknown CPU '" + std::string(cpu) + "' for " + triple +
               "; CPU names (LLVM's, as clang's -march takes them): " +
               llvm::join(names, ", "));
}

bool hasFeature(std::string_view features, llvm::StringRef feature) {
  llvm::SmallVector<llvm::StringRef> items;
  llvm::StringRef(features.data(), features.size()).split(items, ',');
  return llvm::is_contained(items, feature);
}

/// The widest vector registers of the instruction set. LLVM's tuning of
/// Intel's AVX-512 cores prefers 256 bits, against the clock slowdown of
/// auto-vectorized scalar code; dense kernels run faster on the full width
/// (as IREE and oneDNN use it), so only the user's own prefer-256-bit or
/// prefer-128-bit narrows it.
unsigned vectorBitsOf(const llvm::TargetMachine &machine,
                      const llvm::TargetTransformInfo &info,
                      std::string_view userFeatures) {
  if (!machine.getTargetTriple().isX86())
    return info.getRegisterBitWidth(
                   llvm::TargetTransformInfo::RGK_FixedWidthVector)
        .getFixedValue();
  const llvm::MCSubtargetInfo &subtarget = *machine.getMCSubtargetInfo();
  unsigned bits = subtarget.checkFeatures("+avx512f") ? 512
                  : subtarget.checkFeatures("+avx")   ? 256
                                                      : 128;
  if (hasFeature(userFeatures, "+prefer-128-bit"))
    return std::min(bits, 128u);
  if (hasFeature(userFeatures, "+prefer-256-bit"))
    return std::min(bits, 256u);
  return bits;
}

/// Vector FMAs a core starts per cycle, from the reciprocal throughput of
/// `vfmadd231ps` at `vectorBits` in the CPU's scheduling model. Without FMA
/// instructions, or without a scheduling model, one.
unsigned fmaUnitsOf(const llvm::TargetMachine &machine, unsigned vectorBits) {
  const llvm::MCSubtargetInfo &info = *machine.getMCSubtargetInfo();
  const llvm::MCSchedModel &model = info.getSchedModel();
  if (!machine.getTargetTriple().isX86() || !info.checkFeatures("+fma") ||
      !model.hasInstrSchedModel())
    return 1;
  llvm::StringRef name = vectorBits >= 512   ? "VFMADD231PSZr"
                         : vectorBits >= 256 ? "VFMADD231PSYr"
                                             : "VFMADD231PSr";
  const llvm::MCInstrInfo &instructions = *machine.getMCInstrInfo();
  for (unsigned opcode = 0; opcode < instructions.getNumOpcodes(); ++opcode) {
    if (instructions.getName(opcode) != name)
      continue;
    const llvm::MCSchedClassDesc *schedule =
        model.getSchedClassDesc(instructions.get(opcode).getSchedClass());
    if (!schedule || !schedule->isValid() || schedule->isVariant())
      return 1;
    double cycles = llvm::MCSchedModel::getReciprocalThroughput(info, *schedule);
    if (!(cycles > 0))
      return 1;
    return std::max(1u, static_cast<unsigned>(std::lround(1.0 / cycles)));
  }
  return 1;
}

/// Bytes in a sysfs cache size such as "32K" or "1024K"; nullopt if not one.
std::optional<uint64_t> parseCacheSize(llvm::StringRef text) {
  text = text.trim();
  uint64_t scale = 1;
  if (text.consume_back("K"))
    scale = 1024;
  else if (text.consume_back("M"))
    scale = 1024 * 1024;
  uint64_t value = 0;
  if (text.getAsInteger(10, value))
    return std::nullopt;
  return value * scale;
}

std::string readLine(const std::string &path) {
  std::ifstream file(path);
  std::string line;
  std::getline(file, line);
  return line;
}

/// The caches Linux reports for the first CPU; sizes it does not report
/// keep their value.
void readHostCaches(CPUTarget &target) {
  for (int index = 0; index < 16; ++index) {
    std::string directory =
        "/sys/devices/system/cpu/cpu0/cache/index" + std::to_string(index) + "/";
    std::string level = readLine(directory + "level");
    if (level.empty())
      break;
    std::string type = readLine(directory + "type");
    std::optional<uint64_t> bytes = parseCacheSize(readLine(directory + "size"));
    if (!bytes || type == "Instruction")
      continue;
    if (level == "1")
      target.l1DataCacheBytes = *bytes;
    else if (level == "2")
      target.l2CacheBytes = *bytes;
    else if (level == "3")
      target.l3CacheBytes = *bytes;
  }
}

void readModelCaches(const llvm::TargetTransformInfo &info, CPUTarget &target) {
  using Level = llvm::TargetTransformInfo::CacheLevel;
  if (std::optional<unsigned> bytes = info.getCacheSize(Level::L1D))
    target.l1DataCacheBytes = *bytes;
  if (std::optional<unsigned> bytes = info.getCacheSize(Level::L2D))
    target.l2CacheBytes = *bytes;
}

} // namespace

Expected<CPUTarget> describeCPU(std::string_view cpuName,
                                std::string_view features) {
  initializeNativeTargetOnce();
  CPUTarget target;
  target.triple = hostTriple();
  Expected<const llvm::Target *> llvmTarget = llvmTargetFor(target.triple);
  if (!llvmTarget)
    return llvmTarget.error();
  std::unique_ptr<llvm::MCSubtargetInfo> generic(
      (*llvmTarget)->createMCSubtargetInfo(llvm::Triple(target.triple), "", ""));
  if (!generic)
    return Error(ErrorKind::Unsupported, "LLVM has no subtarget description for " + target.triple);

  bool host = cpuName.empty() || cpuName == "host";
  if (!host && !generic->isCPUStringValid(
                   llvm::StringRef(cpuName.data(), cpuName.size())))
    return unknownCPU(cpuName, target.triple, *generic);
  Expected<void> featuresKnown = checkFeatureNames(*generic, features);
  if (!featuresKnown)
    return featuresKnown.error();

  target.cpu = host ? llvm::sys::getHostCPUName().str() : std::string(cpuName);
  std::vector<std::string> featureList;
  if (host)
    featureList.push_back(hostFeatures());
  if (!features.empty())
    featureList.push_back(std::string(features));
  target.features = llvm::join(featureList, ",");

  Expected<std::unique_ptr<llvm::TargetMachine>> machine =
      createCPUTargetMachine(target, llvm::CodeGenOptLevel::Default);
  if (!machine)
    return machine.error();
  // TargetTransformInfo answers for a function; one without attributes gets
  // the machine's CPU and features.
  llvm::LLVMContext context;
  llvm::Module module("describe-cpu", context);
  llvm::Function *function = llvm::Function::Create(
      llvm::FunctionType::get(llvm::Type::getVoidTy(context), false),
      llvm::GlobalValue::ExternalLinkage, "f", module);
  llvm::TargetTransformInfo info = (*machine)->getTargetTransformInfo(*function);
  target.vectorBits = vectorBitsOf(**machine, info, features);
  target.vectorRegisters =
      info.getNumberOfRegisters(info.getRegisterClassForType(/*Vector=*/true));
  target.fmaUnits = fmaUnitsOf(**machine, target.vectorBits);
  if (host)
    readHostCaches(target);
  else
    readModelCaches(info, target);
  return target;
}

Expected<void> checkCPURunsOnHost(const CPUTarget &target) {
  initializeNativeTargetOnce();
  std::string host = hostTriple();
  if (llvm::Triple(target.triple).getArch() != llvm::Triple(host).getArch())
    return Error(ErrorKind::Unsupported, "code for " + target.triple + " cannot run on this host (" +
                 host + ")");
  Expected<const llvm::Target *> llvmTarget = llvmTargetFor(target.triple);
  if (!llvmTarget)
    return llvmTarget.error();
  std::unique_ptr<llvm::MCSubtargetInfo> info(
      (*llvmTarget)->createMCSubtargetInfo(llvm::Triple(target.triple),
                                           target.cpu, target.features));
  if (!info)
    return Error(ErrorKind::Unsupported, "LLVM has no subtarget description for " + target.triple);
  llvm::StringSet<> known;
  for (const llvm::SubtargetFeatureKV &feature : info->getAllProcessorFeatures())
    known.insert(feature.Key);
  // The host reports the instruction set features it has and lacks; tuning
  // flags (prefer-256-bit, ...) are not among them and change no instruction.
  std::vector<std::string> missing;
  for (const auto &feature : llvm::sys::getHostCPUFeatures())
    if (!feature.second && known.contains(feature.first()) &&
        info->checkFeatures("+" + feature.first().str()))
      missing.push_back(feature.first().str());
  if (missing.empty())
    return {};
  llvm::sort(missing);
  return Error(ErrorKind::Unsupported, "code for CPU '" + target.cpu + "' uses " +
               llvm::join(missing, ", ") + ", which this host (" +
               llvm::sys::getHostCPUName().str() +
               ") lacks: it cannot run here; choose --cpu=host or a CPU "
               "this host implements (or emit code with --emit=asm|obj)");
}

Expected<std::unique_ptr<llvm::TargetMachine>>
createCPUTargetMachine(const CPUTarget &target, llvm::CodeGenOptLevel optLevel,
                       bool positionIndependent) {
  initializeNativeTargetOnce();
  llvm::orc::JITTargetMachineBuilder builder{llvm::Triple(target.triple)};
  builder.setCPU(target.cpu);
  builder.setFeatures(target.features);
  builder.setCodeGenOptLevel(optLevel);
  if (positionIndependent)
    builder.setRelocationModel(llvm::Reloc::PIC_);
  auto machine = builder.createTargetMachine();
  if (!machine)
    return Error(ErrorKind::CompileFailure, "cannot create an LLVM target machine for CPU '" +
                 target.cpu + "' (" + target.triple +
                 "): " + llvm::toString(machine.takeError()));
  return std::move(*machine);
}

} // namespace loom
