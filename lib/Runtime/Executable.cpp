//===- Executable.cpp - Calling compiled entry functions ------------------===//
#include "loom/Runtime/Executable.h"

#include "ExecutableState.h"
#include "CollectiveCalls.h"
#include "NumericChecks.h"

#include "loom/Runtime/CudaDriver.h"
#include "loom/Runtime/Parameters.h"

#include <span>

namespace loom {
namespace {

/// The memref descriptors of one call and the packed argument array that
/// points at them, on the stack unless the call has many or high-rank
/// memrefs (a training step's): a repeated small call allocates nothing.
/// A descriptor is what the compiled code reads, {T *allocated, T *aligned,
/// int64 offset, int64 sizes[R], int64 strides[R]}: 3 + 2R 64-bit words.
class CallFrame {
public:
  static size_t wordsOf(size_t rank) { return 3 + 2 * rank; }

  CallFrame(size_t memrefs, size_t words) : capacity(memrefs) {
    if (memrefs > kInlineMemrefs || words > kInlineWords) {
      heapWords.resize(words);
      heapPointers.resize(2 * memrefs);
      wordStorage = heapWords.data();
      pointerStorage = heapPointers.data();
    }
  }
  CallFrame(const CallFrame &) = delete;
  CallFrame &operator=(const CallFrame &) = delete;

  void add(const void *data, const int64_t *shape, size_t rank) {
    int64_t *words = wordStorage + nextWord;
    nextWord += wordsOf(rank);
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
    pointerStorage[count] = words;
    pointerStorage[capacity + count] = &pointerStorage[count];
    ++count;
  }
  void add(const Tensor &tensor) {
    add(tensor.rawData(), tensor.shape().data(), tensor.shape().size());
  }

  /// Element i points at the pointer to descriptor i.
  void **packed() { return pointerStorage + capacity; }

private:
  static constexpr size_t kInlineMemrefs = 128, kInlineWords = 1024;
  int64_t inlineWords[kInlineWords];
  void *inlinePointers[2 * kInlineMemrefs];
  std::vector<int64_t> heapWords;
  std::vector<void *> heapPointers;
  int64_t *wordStorage = inlineWords;
  void **pointerStorage = inlinePointers;
  size_t capacity, nextWord = 0, count = 0;
};

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
    state->workspaces.push_back(
        signature.workspaceBytes
            ? std::make_unique<detail::WorkspacePool>(*signature.workspaceBytes)
            : nullptr);
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
/// One entry: its signature, its packed wrapper and its workspaces.
struct CompiledEntry {
  const Signature &signature;
  detail::PackedFunction function;
  detail::WorkspacePool *workspaces;
};
} // namespace

/// Device memory of one call, freed when the call ends.
class DeviceBuffers {
public:
  DeviceBuffers() = default;
  DeviceBuffers(const DeviceBuffers &) = delete;
  DeviceBuffers &operator=(const DeviceBuffers &) = delete;
  ~DeviceBuffers() {
    for (void *buffer : buffers)
      cuda::release(buffer);
  }
  /// A new buffer of `bytes`, holding a copy of `host` unless it is null.
  Expected<void *> add(size_t bytes, const void *host = nullptr) {
    Expected<void *> buffer = cuda::allocate(bytes);
    if (!buffer)
      return buffer.error();
    buffers.push_back(*buffer);
    if (host)
      if (Expected<void> copied = cuda::copyToDevice(*buffer, host, bytes);
          !copied)
        return copied.error();
    return *buffer;
  }

private:
  std::vector<void *> buffers;
};

/// Calls GPU code (validated by callEntry): its arguments, outputs and
/// workspace are copied to device memory, and the outputs and the
/// arguments its tied results update are copied back.
static Expected<void> callOnGPU(const CompiledEntry &compiled,
                                std::span<const Tensor> args,
                                std::span<Tensor> outputs, size_t words) {
  if (Expected<void> driver = cuda::ensureDriver(); !driver)
    return driver.error();
  const Signature &signature = compiled.signature;
  DeviceBuffers device;
  bool hasWorkspace = signature.workspaceBytes.has_value();
  CallFrame frame(args.size() + outputs.size() + (hasWorkspace ? 1 : 0),
                  words + (hasWorkspace ? CallFrame::wordsOf(1) : 0));
  std::vector<void *> argBuffers, outputBuffers;
  for (const Tensor &arg : args) {
    Expected<void *> buffer = device.add(arg.numBytes(), arg.rawData());
    if (!buffer)
      return buffer.error().withContext("'" + signature.entry + "'");
    argBuffers.push_back(*buffer);
    frame.add(*buffer, arg.shape().data(), arg.shape().size());
  }
  for (Tensor &output : outputs) {
    Expected<void *> buffer = device.add(output.numBytes());
    if (!buffer)
      return buffer.error().withContext("'" + signature.entry + "'");
    outputBuffers.push_back(*buffer);
    frame.add(*buffer, output.shape().data(), output.shape().size());
  }
  if (hasWorkspace) {
    int64_t bytes = static_cast<int64_t>(*signature.workspaceBytes);
    Expected<void *> buffer = device.add(*signature.workspaceBytes);
    if (!buffer)
      return buffer.error().withContext("'" + signature.entry + "'");
    frame.add(*buffer, &bytes, 1);
  }
  cuda::clearLaunchError();
  compiled.function(frame.packed());
  if (Expected<void> launched = cuda::takeLaunchError(); !launched)
    return launched.error().withContext("'" + signature.entry + "'");
  for (size_t i = 0; i < outputs.size(); ++i)
    if (Expected<void> copied = cuda::copyToHost(
            outputs[i].rawData(), outputBuffers[i], outputs[i].numBytes());
        !copied)
      return copied.error();
  for (const ResultInfo &result : signature.results)
    if (result.tiedTo)
      if (Expected<void> copied = cuda::copyToHost(
              const_cast<void *>(args[*result.tiedTo].rawData()),
              argBuffers[*result.tiedTo], args[*result.tiedTo].numBytes());
          !copied)
        return copied.error();
  return {};
}

/// `entry` among the compiled entries; a moved-from executable has none.
static Expected<CompiledEntry> findEntry(const detail::ExecutableState *state,
                                         std::string_view entry) {
  if (!state)
    return Error(ErrorKind::InvalidArgument,
                 "no entry function '" + std::string(entry) +
                     "': the executable was moved from");
  const std::vector<Signature> &signatures = state->info.signatures;
  for (size_t i = 0; i < signatures.size(); ++i)
    if (signatures[i].entry == entry)
      return CompiledEntry{signatures[i], state->functions[i],
                           state->workspaces[i].get()};
  std::string available;
  for (const Signature &signature : signatures)
    available += (available.empty() ? "'" : ", '") + signature.entry + "'";
  return Error(ErrorKind::InvalidArgument,
               "no entry function '" + std::string(entry) +
                   "'; the executable has " +
                   (available.empty() ? std::string("none") : available));
}

/// Checks `args` and `outputs` against the signature, calls the compiled
/// code with `args`, one output per untied result and the workspace, and
/// reports the first NaN/Inf that a numeric check found. Allocates nothing
/// unless it fails, the call has many memrefs, or the workspace pool is
/// empty.
static Expected<void> callEntry(const detail::ExecutableState &state,
                                const CompiledEntry &compiled,
                                std::span<const Tensor> args,
                                std::span<Tensor> outputs) {
  const Signature &signature = compiled.signature;
  if (args.size() != signature.arguments.size())
    return Error(ErrorKind::InvalidArgument, "'" + signature.entry + "' takes " +
                 std::to_string(signature.arguments.size()) +
                 " arguments, got " + std::to_string(args.size()));
  size_t words = 0;
  for (size_t i = 0; i < args.size(); ++i) {
    const TensorSpec &expected = signature.arguments[i].type;
    if (args[i].shape() != expected.shape || args[i].dtype() != expected.dtype)
      return Error(ErrorKind::InvalidArgument, argumentDescription(signature, i) + ": expected " +
                   expected.str() + ", got " + args[i].typeString());
    words += CallFrame::wordsOf(expected.shape.size());
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
  size_t nextOutput = 0;
  for (const ResultInfo &result : signature.results) {
    if (result.tiedTo)
      continue;
    if (nextOutput == outputs.size())
      return Error(ErrorKind::InvalidArgument,
                   "'" + signature.entry + "' writes more results than the " +
                       std::to_string(outputs.size()) +
                       " outputs given (next: '" + result.name + "' " +
                       result.type.str() + ")");
    const Tensor &output = outputs[nextOutput++];
    if (output.shape() != result.type.shape || output.dtype() != result.type.dtype)
      return Error(ErrorKind::InvalidArgument,
                   "output for result '" + result.name + "' of '" +
                       signature.entry + "': expected " + result.type.str() +
                       ", got " + output.typeString());
    if (output.numBytes() != 0) {
      for (size_t i = 0; i < args.size(); ++i)
        if (args[i].rawData() == output.rawData())
          return Error(ErrorKind::InvalidArgument,
                       "output for result '" + result.name + "' of '" +
                           signature.entry + "' shares its buffer with " +
                           argumentDescription(signature, i));
      for (size_t j = 0; j + 1 < nextOutput; ++j)
        if (outputs[j].rawData() == output.rawData())
          return Error(ErrorKind::InvalidArgument,
                       "output for result '" + result.name + "' of '" +
                           signature.entry +
                           "' shares its buffer with another output");
    }
    words += CallFrame::wordsOf(result.type.shape.size());
  }
  if (nextOutput != outputs.size())
    return Error(ErrorKind::InvalidArgument,
                 "'" + signature.entry + "' writes " + std::to_string(nextOutput) +
                     " untied results, got " + std::to_string(outputs.size()) +
                     " outputs");

  if (state.info.targetBackend == kGPUTargetBackend)
    return callOnGPU(compiled, args, outputs, words);

  std::optional<detail::WorkspacePool::Lease> workspace;
  if (compiled.workspaces) {
    Expected<detail::WorkspacePool::Lease> lease = compiled.workspaces->acquire();
    if (!lease)
      return lease.error().withContext("'" + signature.entry + "'");
    workspace.emplace(std::move(*lease));
    words += CallFrame::wordsOf(1);
  }

  CallFrame frame(args.size() + outputs.size() + (workspace ? 1 : 0), words);
  for (const Tensor &arg : args)
    frame.add(arg);
  for (const Tensor &output : outputs)
    frame.add(output);
  if (workspace) {
    int64_t bytes = static_cast<int64_t>(compiled.workspaces->size());
    frame.add(workspace->data(), &bytes, 1);
  }

  std::optional<Error> collectiveFailure;
  detail::ScopedCollectiveFailure collectives(collectiveFailure);
  if (state.info.numericChecks.empty()) {
    compiled.function(frame.packed());
    if (collectiveFailure)
      return *collectiveFailure;
    return {};
  }
  detail::NonFiniteReport report;
  {
    detail::ScopedNonFiniteReport scope(report);
    compiled.function(frame.packed());
  }
  if (collectiveFailure)
    return *collectiveFailure;
  if (!report.reported)
    return {};
  auto check = state.info.numericChecks.find(report.id);
  if (check == state.info.numericChecks.end())
    return Error(ErrorKind::NonFinite, "a numeric check reported a non-finite value under the "
                 "unknown id " + std::to_string(report.id));
  return detail::nonFiniteError(check->second, report);
}

/// A new tensor for each untied result of `signature`.
static Expected<std::vector<Tensor>> newOutputs(const Signature &signature) {
  std::vector<Tensor> outputs;
  for (const ResultInfo &info : signature.results) {
    if (info.tiedTo)
      continue;
    Expected<Tensor> output = zerosOf(info.type);
    if (!output)
      return output.error().withContext("result '" + info.name + "' of '" +
                                        signature.entry + "'");
    outputs.push_back(std::move(*output));
  }
  return outputs;
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
  Expected<std::vector<Tensor>> untied = newOutputs(signature);
  if (!untied)
    return untied.error();
  if (Expected<void> called = callEntry(*state, *found, callArgs, *untied);
      !called)
    return called.error();

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
  Expected<std::vector<Tensor>> outputs = newOutputs(found->signature);
  if (!outputs)
    return outputs.error();
  if (Expected<void> called = callEntry(*state, *found, args, *outputs); !called)
    return called.error();
  return outputs;
}

Expected<void> Executable::runInto(std::string_view entry,
                                   std::span<const Tensor> args,
                                   std::span<Tensor> outputs) const {
  Expected<CompiledEntry> found = findEntry(state.get(), entry);
  if (!found)
    return found.error();
  return callEntry(*state, *found, args, outputs);
}

Expected<std::vector<Tensor>>
Executable::initialParameters(std::string_view entry, uint64_t seed) const {
  Expected<CompiledEntry> found = findEntry(state.get(), entry);
  if (!found)
    return found.error();
  return loom::initialParameters(found->signature, seed);
}

} // namespace loom
