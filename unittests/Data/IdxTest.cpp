//===- IdxTest.cpp - Reading idx files ------------------------------------===//
#include "loom/Data/Idx.h"

#include "TestFiles.h"

#include <gtest/gtest.h>

using namespace loom::data;
using namespace loom::data::testing;

namespace {

std::vector<uint8_t> ramp(size_t count) {
  std::vector<uint8_t> values(count);
  for (size_t i = 0; i < count; ++i)
    values[i] = static_cast<uint8_t>(i * 7 + 3);
  return values;
}

std::string errorOf(const loom::Expected<IdxArray> &result) {
  return result ? std::string("no error") : result.error().message();
}

TEST(IdxTest, ReadsGzippedImagesAndLabels) {
  TemporaryDirectory dir;
  std::vector<uint8_t> pixels = ramp(3 * 4 * 5);
  writeGzip(dir.file("images.gz"), idxBytes({3, 4, 5}, pixels));
  writeGzip(dir.file("labels.gz"), idxBytes({3}, {7, 0, 9}));

  loom::Expected<IdxArray> images = readIdx(dir.file("images.gz"));
  ASSERT_TRUE(images) << errorOf(images);
  EXPECT_EQ(images->dims, (std::vector<int64_t>{3, 4, 5}));
  EXPECT_EQ(images->elements, pixels);

  loom::Expected<IdxArray> labels = readIdx(dir.file("labels.gz"));
  ASSERT_TRUE(labels) << errorOf(labels);
  EXPECT_EQ(labels->dims, (std::vector<int64_t>{3}));
  EXPECT_EQ(labels->elements, (std::vector<uint8_t>{7, 0, 9}));
}

TEST(IdxTest, ReadsUncompressedFiles) {
  TemporaryDirectory dir;
  writeRaw(dir.file("labels"), idxBytes({4}, {1, 2, 3, 4}));
  loom::Expected<IdxArray> labels = readIdx(dir.file("labels"));
  ASSERT_TRUE(labels) << errorOf(labels);
  EXPECT_EQ(labels->elements, (std::vector<uint8_t>{1, 2, 3, 4}));
}

TEST(IdxTest, MissingFileNamesThePath) {
  TemporaryDirectory dir;
  loom::Expected<IdxArray> result = readIdx(dir.file("absent.gz"));
  ASSERT_FALSE(result);
  EXPECT_NE(errorOf(result).find("absent.gz"), std::string::npos);
  EXPECT_NE(errorOf(result).find("No such file"), std::string::npos);
}

TEST(IdxTest, RejectsBadMagicNumbers) {
  loom::Expected<IdxArray> notIdx =
      decodeIdx(std::string("\x89PNG\r\n\x1a\n", 8), "picture.png");
  ASSERT_FALSE(notIdx);
  EXPECT_NE(errorOf(notIdx).find("'picture.png' is not an idx file"),
            std::string::npos);

  std::string floats = idxBytes({1}, {0, 0, 0, 0});
  floats[2] = 0x0D;
  loom::Expected<IdxArray> wrongType = decodeIdx(floats, "floats");
  ASSERT_FALSE(wrongType);
  EXPECT_NE(errorOf(wrongType).find("element type 0x0d"), std::string::npos);

  loom::Expected<IdxArray> noDims =
      decodeIdx(std::string("\0\0\x08\0", 4), "x");
  ASSERT_FALSE(noDims);
  EXPECT_NE(errorOf(noDims).find("zero dimensions"), std::string::npos);
}

TEST(IdxTest, RejectsSizesThatDisagreeWithTheShape) {
  std::string full = idxBytes({2, 3}, ramp(6));

  loom::Expected<IdxArray> shortData =
      decodeIdx(full.substr(0, full.size() - 1), "short");
  ASSERT_FALSE(shortData);
  EXPECT_NE(errorOf(shortData).find("truncated: its shape needs 6 bytes of "
                                    "data, found 5"),
            std::string::npos);

  loom::Expected<IdxArray> shortHeader = decodeIdx(full.substr(0, 9), "header");
  ASSERT_FALSE(shortHeader);
  EXPECT_NE(errorOf(shortHeader).find("its header needs 12 bytes"),
            std::string::npos);

  loom::Expected<IdxArray> tiny = decodeIdx(full.substr(0, 2), "tiny");
  ASSERT_FALSE(tiny);
  EXPECT_NE(errorOf(tiny).find("truncated"), std::string::npos);

  loom::Expected<IdxArray> extra = decodeIdx(full + "xy", "extra");
  ASSERT_FALSE(extra);
  EXPECT_NE(errorOf(extra).find("has 2 bytes after the 6"), std::string::npos);

  loom::Expected<IdxArray> huge =
      decodeIdx(idxBytes({0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF}, {}), "huge");
  ASSERT_FALSE(huge);
  EXPECT_NE(errorOf(huge).find("implausibly large"), std::string::npos);
}

TEST(IdxTest, RejectsTruncatedGzipStreams) {
  TemporaryDirectory dir;
  writeGzip(dir.file("whole.gz"), idxBytes({50, 28, 28}, ramp(50 * 28 * 28)));
  std::string compressed = readRaw(dir.file("whole.gz"));
  writeRaw(dir.file("cut.gz"), compressed.substr(0, compressed.size() / 2));

  loom::Expected<IdxArray> result = readIdx(dir.file("cut.gz"));
  ASSERT_FALSE(result);
  EXPECT_NE(errorOf(result).find("cut.gz"), std::string::npos);
  EXPECT_NE(errorOf(result).find("compressed data ends early"),
            std::string::npos)
      << errorOf(result);
}

TEST(IdxTest, RejectsCorruptGzipStreams) {
  TemporaryDirectory dir;
  writeGzip(dir.file("whole.gz"), idxBytes({50, 28, 28}, ramp(50 * 28 * 28)));
  std::string compressed = readRaw(dir.file("whole.gz"));
  // Damaging the deflate data or the trailing checksum must both be noticed.
  std::string damagedData = compressed;
  for (size_t i = 20; i < 40; ++i)
    damagedData[i] = static_cast<char>(damagedData[i] ^ 0x5A);
  writeRaw(dir.file("data.gz"), damagedData);
  std::string damagedChecksum = compressed;
  damagedChecksum[damagedChecksum.size() - 6] ^= 0x01;
  writeRaw(dir.file("crc.gz"), damagedChecksum);

  for (const char *name : {"data.gz", "crc.gz"}) {
    loom::Expected<IdxArray> result = readIdx(dir.file(name));
    ASSERT_FALSE(result) << name;
    EXPECT_NE(errorOf(result).find("cannot read idx file"), std::string::npos)
        << errorOf(result);
  }
}

} // namespace
