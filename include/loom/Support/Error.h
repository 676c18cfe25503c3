//===- Error.h - Loom's error value and exception ---------------*- C++ -*-===//
//
// The public API reports failures in one of two ways: functions whose failure is
// part of normal use (compiling, running with user-provided tensors, reading
// files) return `loom::Expected<T>`; the DSL, whose operators cannot return
// errors, throws `loom::Error`. Both carry a message that already names the
// user's source location where there is one.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_SUPPORT_ERROR_H
#define LOOM_SUPPORT_ERROR_H

#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace loom {

class Error : public std::runtime_error {
public:
  explicit Error(const std::string &message) : std::runtime_error(message) {}
  std::string message() const { return what(); }
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

} // namespace loom

#endif
