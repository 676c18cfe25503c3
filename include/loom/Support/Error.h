//===- Error.h - Loom's error value and exception ---------------*- C++ -*-===//
//
// The public API reports failures in one of two ways: functions whose failure is
// part of normal use (compiling, running with user-provided tensors, reading
// files) return `loom::Expected<T>`; the DSL, whose operators cannot return
// errors, throws `loom::Error`. Both carry a kind, for a program to act on,
// and a message for a person, which already names the user's source location
// where there is one (`file:line:col: error: ...`, see Support/Diagnostics.h).
//
// Every API above the compiler's passes (loom/Compiler/Compiler.h,
// loom/Runtime/, loom/Training/, the Trainer) returns Expected; an Error that
// comes from MLIR diagnostics carries them, formatted with their locations.
// Only the dialect's transforms (loom/Dialect/Loom/Transforms/), which passes
// call, return MLIR's LogicalResult/FailureOr and emit their diagnostics into
// the IR's context, as MLIR's own transforms do; collect them with
// loom/Support/Diagnostics.h.
//
// The kinds (docs/embedding.md lists what raises each):
//   InvalidArgument  a value passed to the API is wrong: a tensor of the wrong
//                    shape or dtype, an unknown entry, an option out of range,
//                    a DSL op applied to operands it does not accept.
//   InvalidIR        the module does not parse or verify, or breaks a rule of
//                    entry functions (a dynamic shape, a declaration without a
//                    body, a tensor too large to exist).
//   CompileFailure   valid IR that the pipeline, LLVM or the linker failed on.
//   IO               a file cannot be read or written, or its contents are
//                    malformed (.npy, checkpoint, artifact manifest or library).
//   Unsupported      a valid request Loom does not implement (e.g. an artifact
//                    with NaN/Inf checks).
//   NonFinite        code compiled with NaN/Inf checks produced one.
//   OutOfMemory      an allocation was refused.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_SUPPORT_ERROR_H
#define LOOM_SUPPORT_ERROR_H

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <optional>
#include <variant>

namespace loom {

enum class ErrorKind {
  InvalidArgument,
  InvalidIR,
  CompileFailure,
  IO,
  Unsupported,
  NonFinite,
  OutOfMemory,
};

/// "invalid argument", "invalid IR", "compile failure", "I/O", "unsupported",
/// "non-finite value", "out of memory".
constexpr std::string_view errorKindName(ErrorKind kind) {
  switch (kind) {
  case ErrorKind::InvalidArgument:
    return "invalid argument";
  case ErrorKind::InvalidIR:
    return "invalid IR";
  case ErrorKind::CompileFailure:
    return "compile failure";
  case ErrorKind::IO:
    return "I/O";
  case ErrorKind::Unsupported:
    return "unsupported";
  case ErrorKind::NonFinite:
    return "non-finite value";
  case ErrorKind::OutOfMemory:
    return "out of memory";
  }
  return "unknown";
}

class Error : public std::runtime_error {
public:
  Error(ErrorKind kind, const std::string &message)
      : std::runtime_error(message), errorKind(kind) {}
  ErrorKind kind() const { return errorKind; }
  std::string message() const { return what(); }
  /// The same kind with `context` in front of the message: "context: message".
  Error withContext(const std::string &context) const {
    return Error(errorKind, context + ": " + message());
  }

private:
  ErrorKind errorKind;
};

/// Either a value or an Error. Test it before dereferencing.
template <typename T> class [[nodiscard]] Expected {
public:
  Expected(T value) : storage(std::move(value)) {}
  Expected(Error error) : storage(std::move(error)) {}

  explicit operator bool() const { return std::holds_alternative<T>(storage); }
  T &operator*() { return std::get<T>(storage); }
  const T &operator*() const { return std::get<T>(storage); }
  T *operator->() { return &std::get<T>(storage); }
  const T *operator->() const { return &std::get<T>(storage); }
  const Error &error() const { return std::get<Error>(storage); }

  /// The value, or throws the Error: for callers that prefer exceptions.
  T take() {
    if (!*this)
      throw error();
    return std::move(std::get<T>(storage));
  }

private:
  std::variant<T, Error> storage;
};

/// Success, or an Error: `return {};` succeeds.
template <> class [[nodiscard]] Expected<void> {
public:
  Expected() = default;
  Expected(Error error) : failure(std::move(error)) {}

  explicit operator bool() const { return !failure.has_value(); }
  const Error &error() const { return *failure; }
  /// Throws the Error, if any.
  void take() const {
    if (failure)
      throw *failure;
  }

private:
  std::optional<Error> failure;
};

} // namespace loom

#endif
