//===- Executable.h - Compiled entry functions ------------------*- C++ -*-===//
//
// A loom::Executable holds the machine code of one compiled module (behind a
// CodeLibrary: the JIT's memory or a loaded artifact, see
// loom/Runtime/Artifact.h) and the signature of each of its entry functions,
// read from the loom-level IR before lowering. `run` checks every argument against that signature and
// returns an error rather than calling compiled code with a wrong buffer.
//
// `run` and `initialParameters` are const and touch no shared mutable state:
// one Executable may be run from several threads at once.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_RUNTIME_EXECUTABLE_H
#define LOOM_RUNTIME_EXECUTABLE_H

#include "loom/Support/DType.h"
#include "loom/Runtime/Initializers.h"
#include "loom/Runtime/Tensor.h"
#include "loom/Support/Error.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace loom {

/// What a function argument stands for, from its argument attributes.
enum class ArgumentKind {
  Parameter, ///< `loom.param = "name"`: trained state, see `initialParameters`
  Input,     ///< `loom.input = "name"`: data fed at every call
  State,     ///< `loom.state = "name"`: optimizer state a training step updates
  Plain,     ///< neither attribute
};

struct TensorSpec {
  std::vector<int64_t> shape;
  DType dtype;
  /// e.g. "tensor<2x3xf32>".
  std::string str() const { return tensorTypeString(shape, dtype); }
};

struct ArgumentInfo {
  /// The `loom.param`, `loom.input` or `loom.state` name; "arg<N>" for plain
  /// arguments.
  std::string name;
  ArgumentKind kind;
  TensorSpec type;
  /// The `loom.init` attribute, when present.
  std::optional<Initializer> initializer;
};

struct ResultInfo {
  /// What the result is (`loss`, `reconstruction`, `e1.w`, `grad.e1.w`): its
  /// `loom.result` name, the name of the argument it is tied to, `grad.<name>`
  /// for a gradient, or "result<N>". Unique within a signature.
  std::string name;
  TensorSpec type;
  /// The argument it is the new value of (`loom.tied_to`): the compiled code
  /// writes it into that argument's buffer. Empty for untied results.
  std::optional<size_t> tiedTo;
};

struct Signature {
  std::string entry;
  std::vector<ArgumentInfo> arguments;
  std::vector<ResultInfo> results;
  /// The bytes of scratch memory the compiled code takes as its last
  /// argument (`loom.workspace`): the runtime provides it, one buffer per
  /// concurrent call, reused across calls. Empty when it takes none.
  std::optional<uint64_t> workspaceBytes;
};

class CodeLibrary;
struct ArtifactInfo;
namespace detail {
struct ExecutableState;
} // namespace detail

class Executable {
public:
  /// A moved-from Executable has no entries: running it is an error.
  Executable(Executable &&) noexcept;
  Executable &operator=(Executable &&) noexcept;
  ~Executable();

  /// The entry functions (the module's public functions), in module order.
  std::vector<std::string> entryNames() const;

  /// The signature of `entry`, or null when there is no such entry.
  const Signature *signature(std::string_view entry) const;

  /// Calls `entry` with `args` (count, shapes and dtypes must match the
  /// signature exactly) and returns its results as new owning tensors. `args`
  /// are never modified: a tied argument is copied first and the copy, updated
  /// by the call, is returned as its result. Code compiled with
  /// CompilerOptions::checkNumerics fails with the first op that produced a
  /// NaN or Inf (`loc: error: 'loom.log' produced NaN (first non-finite value
  /// at element [2, 3])`).
  Expected<std::vector<Tensor>> run(std::string_view entry,
                                    const std::vector<Tensor> &args) const;

  /// Calls `entry` like `run`, but every result tied to an argument
  /// (`ResultInfo::tiedTo`) is written into that argument's buffer in
  /// place, and only the untied results are returned, in result order. Tied
  /// arguments must not share a buffer with any other argument. A failed
  /// numeric check leaves in them what the whole call computed.
  Expected<std::vector<Tensor>> runInPlace(std::string_view entry,
                                           const std::vector<Tensor> &args) const;

  /// Calls `entry` writing into the caller's tensors: each untied result
  /// into `outputs` (one per untied result, in result order, each of exactly
  /// the result's shape and dtype, sharing no buffer with an argument or
  /// another output), each tied result into its argument as `runInPlace`
  /// does. This is the call for a hot loop: once the first call has made its
  /// workspace (the temporaries' memory, kept for the next call), a call
  /// allocates nothing. Misuse is InvalidArgument and leaves `outputs` as
  /// they were.
  Expected<void> runInto(std::string_view entry, std::span<const Tensor> args,
                         std::span<Tensor> outputs) const;

  /// One new tensor per parameter argument of `entry`, in argument order,
  /// filled by its `loom.init`. The k-th parameter (counting parameters only,
  /// from 0) draws from stream k of `seed`. A parameter without `loom.init`
  /// is an error.
  Expected<std::vector<Tensor>> initialParameters(std::string_view entry,
                                                  uint64_t seed) const;

  /// The target, thread count and signatures it was compiled with.
  const ArtifactInfo &info() const;

private:
  friend Expected<Executable> makeExecutable(std::unique_ptr<CodeLibrary>,
                                             ArtifactInfo);
  explicit Executable(std::unique_ptr<detail::ExecutableState> state);
  std::unique_ptr<detail::ExecutableState> state;
};

} // namespace loom

#endif
