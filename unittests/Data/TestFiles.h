//===- TestFiles.h - Small files written by the data tests ------*- C++ -*-===//
//
// Each test writes its own idx files in a fresh temporary directory. The idx
// bytes are assembled here by hand, independently of the reader under test.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_UNITTESTS_DATA_TESTFILES_H
#define LOOM_UNITTESTS_DATA_TESTFILES_H

#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace loom::data::testing {

/// A directory removed when the object goes out of scope.
class TemporaryDirectory {
public:
  TemporaryDirectory() {
    std::random_device device;
    path = std::filesystem::temp_directory_path() /
           ("loom-data-test-" + std::to_string(device()));
    std::filesystem::create_directories(path);
  }
  ~TemporaryDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  std::string file(const std::string &name) const {
    return (path / name).string();
  }
  std::string directory() const { return path.string(); }

private:
  std::filesystem::path path;
};

/// An idx file of unsigned bytes: magic 00 00 08 rank, big-endian dims, data.
inline std::string idxBytes(const std::vector<uint32_t> &dims,
                            const std::vector<uint8_t> &elements) {
  std::string bytes = {0, 0, 0x08, static_cast<char>(dims.size())};
  for (uint32_t dim : dims)
    for (int shift = 24; shift >= 0; shift -= 8)
      bytes += static_cast<char>((dim >> shift) & 0xFF);
  bytes.append(elements.begin(), elements.end());
  return bytes;
}

inline void writeRaw(const std::string &path, const std::string &bytes) {
  std::ofstream file(path, std::ios::binary);
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!file)
    throw std::runtime_error("cannot write test file " + path);
}

inline std::string readRaw(const std::string &path) {
  std::ifstream file(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(file), {});
}

inline void writeGzip(const std::string &path, const std::string &bytes) {
  gzFile file = gzopen(path.c_str(), "wb");
  if (!file)
    throw std::runtime_error("cannot open test file " + path);
  int written = bytes.empty() ? 0
                              : gzwrite(file, bytes.data(),
                                        static_cast<unsigned>(bytes.size()));
  if (gzclose(file) != Z_OK || written != static_cast<int>(bytes.size()))
    throw std::runtime_error("cannot write test file " + path);
}

} // namespace loom::data::testing

#endif
