//===- Executable.cpp - Calling compiled entry functions ------------------===//
#include "loom/Runtime/Executable.h"

#include "ExecutableState.h"
#include "NumericChecks.h"

#include "loom/Runtime/Parameters.h"

namespace loom {
namespace {

/// A strided memref descriptor as the compiled code reads it:
/// {T *allocated, T *aligned, int64 offset, int64 sizes[R], int64 strides[R]},
/// stored as 3 + 2R 64-bit words (a rank-0 descriptor has only the first 3).
std::vector<int64_t> makeDescriptor(const void *data,
                                    const std::vector<int64_t> &shape) {
  size_t rank = shape.size();
  std::vector<int64_t> words(3 + 2 * rank);
  auto address = static_cast<int64_t>(reinterpret_cast<intptr_t>(data));
  words[0] = address;
  words[1] = address;
  words[2] = 0;
  int64_t stride = 1;
  for (size_t i = rank; i-- > 0;) {
    words[3 + i] = shape[i];
    words[3 + rank + i] = stride;
    stride *= shape[i];
  }
  return words;
}

std::string argumentDescription(const Signature &signature, size_t index) {
  return "argument #" + std::to_string(index) + " ('" +
         signature.arguments[index].name + "') of '" + signature.entry + "'";
}

/// The tensor `make` allocates, or the Error it throws when the allocation is
/// refused (out of memory): the API reports that as a value, too.
template <typename Make> Expected<Tensor> allocating(Make make) {
  try {
    return make();
  } catch (const Error &error) {
    return error;
  }
}

Expected<Tensor> zerosOf(const TensorSpec &spec) {
  return allocating([&] { return Tensor::zeros(spec.shape, spec.dtype); });
}

} // namespace

CodeLibrary::~CodeLibrary() = default;

std::string packedEntrySymbol(std::string_view entry) {
  return "_mlir__mlir_ciface_" + std::string(entry);
}

Expected<Executable> makeExecutable(std::unique_ptr<CodeLibrary> library,
                                    ArtifactInfo info) {
  auto state = std::make_unique<detail::ExecutableState>();
  for (const Signature &signature : info.signatures) {
    void *address = library->lookup(packedEntrySymbol(signature.entry));
    if (!address)
      return Error(ErrorKind::IO, "the compiled code has no '" +
                                      packedEntrySymbol(signature.entry) +
                                      "' for entry '" + signature.entry + "'");
    state->functions.push_back(
        reinterpret_cast<detail::PackedFunction>(address));
  }
  state->library = std::move(library);
  state->info = std::move(info);
  return Executable(std::move(state));
}

Executable::Executable(std::unique_ptr<detail::ExecutableState> state)
    : state(std::move(state)) {}
Executable::Executable(Executable &&) noexcept = default;
Executable &Executable::operator=(Executable &&) noexcept = default;
Executable::~Executable() = default;

const ArtifactInfo &Executable::info() const {
  static const ArtifactInfo movedFrom;
  return state ? state->info : movedFrom;
}

std::vector<std::string> Executable::entryNames() const {
  std::vector<std::string> names;
  for (const Signature &signature : info().signatures)
    names.push_back(signature.entry);
  return names;
}

const Signature *Executable::signature(std::string_view entry) const {
  for (const Signature &signature : info().signatures)
    if (signature.entry == entry)
      return &signature;
  return nullptr;
}

namespace {
/// One entry: its signature and its packed wrapper.
struct CompiledEntry {
  const Signature &signature;
  detail::PackedFunction function;
};
} // namespace

/// `entry` among the compiled entries; a moved-from executable has none.
static Expected<CompiledEntry> findEntry(const detail::ExecutableState *state,
                                         std::string_view entry) {
  if (!state)
    return Error(ErrorKind::InvalidArgument,
                 "no entry function '" + std::string(entry) +
                     "': the executable was moved from");
  std::string available;
  const std::vector<Signature> &signatures = state->info.signatures;
  for (size_t i = 0; i < signatures.size(); ++i) {
    if (signatures[i].entry == entry)
      return CompiledEntry{signatures[i], state->functions[i]};
    available += (available.empty() ? "'" : ", '") + signatures[i].entry + "'";
  }
  return Error(ErrorKind::InvalidArgument,
               "no entry function '" + std::string(entry) +
                   "'; the executable has " +
                   (available.empty() ? std::string("none") : available));
}

/// Checks `args` against the signature, calls the compiled code with
/// `args` followed by one new output per untied result, and returns those
/// outputs, or the first NaN/Inf that a numeric check reported.
static Expected<std::vector<Tensor>>
callEntry(const detail::ExecutableState &state, const CompiledEntry &compiled,
          const std::vector<Tensor> &args) {
  const Signature &signature = compiled.signature;
  if (args.size() != signature.arguments.size())
    return Error(ErrorKind::InvalidArgument, "'" + signature.entry + "' takes " +
                 std::to_string(signature.arguments.size()) +
                 " arguments, got " + std::to_string(args.size()));
  for (size_t i = 0; i < args.size(); ++i) {
    const TensorSpec &expected = signature.arguments[i].type;
    if (args[i].shape() != expected.shape || args[i].dtype() != expected.dtype)
      return Error(ErrorKind::InvalidArgument, argumentDescription(signature, i) + ": expected " +
                   expected.str() + ", got " + args[i].typeString());
  }
  for (const ResultInfo &result : signature.results) {
    const std::optional<size_t> &tied = result.tiedTo;
    if (!tied || args[*tied].numBytes() == 0)
      continue;
    for (size_t i = 0; i < args.size(); ++i)
      if (i != *tied && args[i].rawData() == args[*tied].rawData())
        return Error(ErrorKind::InvalidArgument, argumentDescription(signature, *tied) +
                     " is updated in place but shares its buffer with " +
                     argumentDescription(signature, i));
  }

  std::vector<Tensor> results;
  for (const ResultInfo &info : signature.results) {
    if (info.tiedTo)
      continue;
    Expected<Tensor> result = zerosOf(info.type);
    if (!result)
      return result.error().withContext("result '" + info.name + "' of '" +
                                        signature.entry + "'");
    results.push_back(std::move(*result));
  }

  std::vector<std::vector<int64_t>> descriptors;
  descriptors.reserve(args.size() + results.size());
  for (const Tensor &arg : args)
    descriptors.push_back(makeDescriptor(arg.rawData(), arg.shape()));
  for (const Tensor &result : results)
    descriptors.push_back(makeDescriptor(result.rawData(), result.shape()));

  std::vector<void *> descriptorPointers;
  descriptorPointers.reserve(descriptors.size());
  for (std::vector<int64_t> &descriptor : descriptors)
    descriptorPointers.push_back(descriptor.data());
  std::vector<void *> packedArguments;
  packedArguments.reserve(descriptorPointers.size());
  for (void *&pointer : descriptorPointers)
    packedArguments.push_back(&pointer);

  if (state.info.numericChecks.empty()) {
    compiled.function(packedArguments.data());
    return results;
  }
  detail::NonFiniteReport report;
  {
    detail::ScopedNonFiniteReport scope(report);
    compiled.function(packedArguments.data());
  }
  if (!report.reported)
    return results;
  auto check = state.info.numericChecks.find(report.id);
  if (check == state.info.numericChecks.end())
    return Error(ErrorKind::NonFinite, "a numeric check reported a non-finite value under the "
                 "unknown id " + std::to_string(report.id));
  return detail::nonFiniteError(check->second, report);
}

Expected<std::vector<Tensor>>
Executable::run(std::string_view entry, const std::vector<Tensor> &args) const {
  Expected<CompiledEntry> found = findEntry(state.get(), entry);
  if (!found)
    return found.error();
  const Signature &signature = found->signature;

  // Tied arguments are written by the call: give it copies.
  std::vector<Tensor> callArgs = args;
  for (const ResultInfo &result : signature.results) {
    const std::optional<size_t> &tied = result.tiedTo;
    if (!tied || *tied >= callArgs.size())
      continue;
    Expected<Tensor> copy =
        allocating([&] { return callArgs[*tied].clone(); });
    if (!copy)
      return copy.error().withContext(argumentDescription(signature, *tied));
    callArgs[*tied] = std::move(*copy);
  }
  Expected<std::vector<Tensor>> untied = callEntry(*state, *found, callArgs);
  if (!untied)
    return untied.error();

  std::vector<Tensor> results;
  size_t nextUntied = 0;
  for (const ResultInfo &result : signature.results)
    results.push_back(result.tiedTo ? callArgs[*result.tiedTo]
                                    : (*untied)[nextUntied++]);
  return results;
}

Expected<std::vector<Tensor>>
Executable::runInPlace(std::string_view entry,
                       const std::vector<Tensor> &args) const {
  Expected<CompiledEntry> found = findEntry(state.get(), entry);
  if (!found)
    return found.error();
  return callEntry(*state, *found, args);
}

Expected<std::vector<Tensor>>
Executable::initialParameters(std::string_view entry, uint64_t seed) const {
  Expected<CompiledEntry> found = findEntry(state.get(), entry);
  if (!found)
    return found.error();
  return loom::initialParameters(found->signature, seed);
}

} // namespace loom
