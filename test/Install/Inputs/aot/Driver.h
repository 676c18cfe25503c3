// What the two AOT test programs share: deterministic inputs, and results
// written where `loomc --run --outputs` writes the JIT's, to compare bytes.
#include "loom/Runtime/Npy.h"

#include <cmath>
#include <cstdlib>
#include <iostream>
#include <string>

namespace driver {

// `expected`, or exit 1 with its error.
template <typename E> const E &check(const E &expected, const char *what) {
  if (!expected) {
    std::cerr << what << ": " << expected.error().message() << "\n";
    std::exit(1);
  }
  return expected;
}

loom::Tensor wave(std::vector<int64_t> shape) {
  loom::Tensor tensor = loom::Tensor::zeros(shape, loom::DType::F32);
  for (int64_t i = 0; i < tensor.numElements(); ++i)
    tensor.data<float>()[i] = 0.5f + 0.5f * std::sin(0.37f * i);
  return tensor;
}

void write(const std::string &path, const loom::Tensor &tensor) {
  check(loom::writeNpy(path, tensor), path.c_str());
}

// Writes what `entry` returned as `<dir>/<entry>/<result name>.npy`, where
// `loomc --run --outputs=<dir>/<entry>` writes the JIT's results. An
// in-place entry returns only its untied results.
void writeReturned(const loom::Executable &executable, const std::string &entry,
                   const std::vector<loom::Tensor> &returned, bool inPlace,
                   const std::string &dir) {
  const loom::Signature *signature = executable.signature(entry);
  size_t next = 0;
  for (const loom::ResultInfo &result : signature->results)
    if (!inPlace || !result.tiedTo)
      write(dir + "/" + entry + "/" + result.name + ".npy", returned.at(next++));
}

// Writes the new value of the argument `name`, which an in-place `entry`
// updated, as the result tied to it (named after it).
void writeUpdated(const loom::Executable &executable, const std::string &entry,
                  const std::string &name, const loom::Tensor &value,
                  const std::string &dir) {
  for (const loom::ResultInfo &result : executable.signature(entry)->results)
    if (result.tiedTo && result.name == name) {
      write(dir + "/" + entry + "/" + name + ".npy", value);
      return;
    }
  std::cerr << "no result of '" << entry << "' updates '" << name << "'\n";
  std::exit(1);
}

} // namespace driver
