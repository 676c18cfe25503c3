//===- Idx.cpp - Reading idx files ----------------------------------------===//
#include "loom/Data/Idx.h"

#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <limits>
#include <memory>

namespace loom::data {
namespace {

std::string hexByte(uint8_t value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  return std::string("0x") + kDigits[value >> 4] + kDigits[value & 0xF];
}

uint32_t readBigEndian32(std::string_view bytes, size_t offset) {
  uint32_t value = 0;
  for (size_t i = 0; i < 4; ++i)
    value = (value << 8) | static_cast<uint8_t>(bytes[offset + i]);
  return value;
}

struct GzCloser {
  void operator()(gzFile file) const { gzclose(file); }
};

} // namespace

Expected<IdxArray> decodeIdx(std::string_view bytes,
                             std::string_view sourceName) {
  std::string name(sourceName);
  if (bytes.size() < 4)
    return Error(ErrorKind::IO, "idx file '" + name +
                 "' is truncated: " + std::to_string(bytes.size()) +
                 " bytes, too short for the 4-byte magic number");
  auto magic = [&](size_t i) { return static_cast<uint8_t>(bytes[i]); };
  if (magic(0) != 0 || magic(1) != 0)
    return Error(ErrorKind::IO, "'" + name + "' is not an idx file: its magic number starts " +
                 hexByte(magic(0)) + " " + hexByte(magic(1)) +
                 " instead of 0x00 0x00");
  if (magic(2) != kIdxUnsignedByte)
    return Error(ErrorKind::IO, "idx file '" + name + "' has element type " +
                 hexByte(magic(2)) + "; only unsigned bytes (" +
                 hexByte(kIdxUnsignedByte) + ") are supported");
  size_t rank = magic(3);
  if (rank == 0)
    return Error(ErrorKind::IO, "idx file '" + name + "' declares zero dimensions");

  size_t headerSize = 4 + 4 * rank;
  if (bytes.size() < headerSize)
    return Error(ErrorKind::IO, "idx file '" + name + "' is truncated: its header needs " +
                 std::to_string(headerSize) + " bytes for " +
                 std::to_string(rank) + " dimensions, the file has " +
                 std::to_string(bytes.size()));

  IdxArray array;
  uint64_t elementCount = 1;
  for (size_t d = 0; d < rank; ++d) {
    uint32_t dim = readBigEndian32(bytes, 4 + 4 * d);
    // A real file never comes close; a corrupt header must not overflow.
    if (dim != 0 && elementCount > (uint64_t{1} << 40) / dim)
      return Error(ErrorKind::IO, "idx file '" + name +
                   "' declares an implausibly large shape (corrupt header?)");
    elementCount *= dim;
    array.dims.push_back(dim);
  }

  size_t payload = bytes.size() - headerSize;
  if (payload < elementCount)
    return Error(ErrorKind::IO, "idx file '" + name + "' is truncated: its shape needs " +
                 std::to_string(elementCount) + " bytes of data, found " +
                 std::to_string(payload));
  if (payload > elementCount)
    return Error(ErrorKind::IO, "idx file '" + name + "' has " +
                 std::to_string(payload - elementCount) + " bytes after the " +
                 std::to_string(elementCount) + " its shape declares");
  array.elements.assign(bytes.begin() + headerSize, bytes.end());
  return array;
}

Expected<IdxArray> readIdx(const std::string &path) {
  std::unique_ptr<gzFile_s, GzCloser> file(gzopen(path.c_str(), "rb"));
  if (!file)
    return Error(ErrorKind::IO, "cannot open idx file '" + path +
                 "': " + (errno ? std::strerror(errno) : "out of memory"));

  std::string contents;
  char chunk[1 << 16];
  while (true) {
    int read = gzread(file.get(), chunk, sizeof(chunk));
    if (read < 0)
      break;
    contents.append(chunk, static_cast<size_t>(read));
    if (read < static_cast<int>(sizeof(chunk)))
      break;
  }
  // zlib reports both a corrupt stream and a cut-off one (Z_BUF_ERROR) here.
  int status = Z_OK;
  const char *message = gzerror(file.get(), &status);
  if (status != Z_OK)
    return Error(ErrorKind::IO, "cannot read idx file '" + path + "': " +
                 (status == Z_BUF_ERROR
                      ? std::string("the compressed data ends early "
                                    "(truncated file)")
                      : std::string(message)));
  return decodeIdx(contents, path);
}

} // namespace loom::data
