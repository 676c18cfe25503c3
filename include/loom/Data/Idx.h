//===- Idx.h - The idx file format of MNIST-like data sets ------*- C++ -*-===//
//
// An idx file is a 4-byte magic number (two zero bytes, an element type code,
// the number of dimensions), one big-endian uint32 per dimension, then the
// elements in row-major order. MNIST and Fashion-MNIST ship images as 3-d and
// labels as 1-d idx files of unsigned bytes (type code 0x08), gzip-compressed.
//
// Only unsigned-byte files are read: that is every MNIST-like data set. A file
// whose magic number, dimensions or size do not agree is a loom::Error naming
// the file and what is wrong.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_DATA_IDX_H
#define LOOM_DATA_IDX_H

#include "loom/Support/Error.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace loom::data {

/// The idx element type code of unsigned bytes.
inline constexpr uint8_t kIdxUnsignedByte = 0x08;

/// The contents of an idx file of unsigned bytes.
struct IdxArray {
  std::vector<int64_t> dims;
  /// Row-major elements; exactly the product of `dims` of them.
  std::vector<uint8_t> elements;
};

/// Reads an idx file. Gzip-compressed files (`.gz`) are decompressed with
/// zlib; uncompressed files are read as they are.
Expected<IdxArray> readIdx(const std::string &path);

/// Decodes the (decompressed) bytes of an idx file; `sourceName` names it in
/// errors.
Expected<IdxArray> decodeIdx(std::string_view bytes,
                             std::string_view sourceName);

} // namespace loom::data

#endif
