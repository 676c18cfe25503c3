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

// Writes the new value of the argument `name` of `entry` as the result it is
// tied to: `<dir>/<entry>/result<K>.npy`.
void writeTied(const loom::Executable &executable, const std::string &entry,
               const std::string &name, const loom::Tensor &value,
               const std::string &dir) {
  const loom::Signature *signature = executable.signature(entry);
  for (size_t a = 0; a < signature->arguments.size(); ++a)
    if (signature->arguments[a].name == name)
      for (size_t r = 0; r < signature->results.size(); ++r)
        if (signature->resultTiedTo[r] == a) {
          write(dir + "/" + entry + "/result" + std::to_string(r) + ".npy", value);
          return;
        }
  std::cerr << "no result tied to '" << name << "'\n";
  std::exit(1);
}

} // namespace driver
