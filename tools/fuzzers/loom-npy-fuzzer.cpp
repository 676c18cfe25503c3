//===- loom-npy-fuzzer.cpp - Fuzz decoding .npy files ---------------------===//
//
// Each input is the bytes of an .npy file, given to loom::decodeNpy (what
// readNpy does after reading the file). A decoded tensor is encoded again
// and must decode to the same bytes.
//
//===----------------------------------------------------------------------===//
#include "loom/Runtime/Npy.h"

#include <cstdlib>
#include <cstring>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char *>(data), size);
  loom::Expected<loom::Tensor> tensor = loom::decodeNpy(bytes, "<fuzz>.npy");
  if (!tensor)
    return 0;
  loom::Expected<loom::Tensor> again =
      loom::decodeNpy(loom::encodeNpy(*tensor), "<re-encoded>.npy");
  if (!again || again->shape() != tensor->shape() ||
      again->dtype() != tensor->dtype() ||
      std::memcmp(again->rawData(), tensor->rawData(), tensor->numBytes()) != 0)
    std::abort();
  return 0;
}
