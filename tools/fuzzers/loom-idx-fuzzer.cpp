//===- loom-idx-fuzzer.cpp - Fuzz decoding idx files ----------------------===//
//
// Each input is the (decompressed) bytes of an idx file, given to
// loom::data::decodeIdx (what readIdx does after zlib). A decoded array must
// hold exactly as many elements as its dimensions say.
//
//===----------------------------------------------------------------------===//
#include "loom/Data/Idx.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char *>(data), size);
  loom::Expected<loom::data::IdxArray> array =
      loom::data::decodeIdx(bytes, "<fuzz>.idx");
  if (!array)
    return 0;
  uint64_t elements = 1;
  for (int64_t dim : array->dims)
    elements *= static_cast<uint64_t>(dim);
  if (array->dims.empty() || elements != array->elements.size())
    std::abort();
  return 0;
}
