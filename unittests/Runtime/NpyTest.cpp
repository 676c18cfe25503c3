//===- NpyTest.cpp - .npy reading and writing -----------------------------===//
#include "loom/Runtime/Npy.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <fstream>

using loom::DType;
using loom::Tensor;

namespace {

std::string tempPath(const std::string &name) {
  return ::testing::TempDir() + "/loom_npy_" + name + ".npy";
}

/// A file as NumPy lays it out: the preamble, `dict` padded with spaces to
/// `headerLength` bytes including the final newline, then `data`.
std::string npyFile(const std::string &dict, size_t headerLength,
                    const std::string &data, int major = 1) {
  std::string bytes = "\x93NUMPY";
  bytes += static_cast<char>(major);
  bytes += '\0';
  size_t width = major == 1 ? 2 : 4;
  for (size_t i = 0; i < width; ++i)
    bytes += static_cast<char>((headerLength >> (8 * i)) & 0xFF);
  bytes += dict;
  bytes.append(headerLength - dict.size() - 1, ' ');
  bytes += '\n';
  return bytes + data;
}

template <typename T> std::string rawBytes(const std::vector<T> &values) {
  return std::string(reinterpret_cast<const char *>(values.data()),
                     values.size() * sizeof(T));
}

std::string decodeError(const std::string &bytes) {
  loom::Expected<Tensor> tensor = loom::decodeNpy(bytes, "bad.npy");
  EXPECT_FALSE(tensor);
  return tensor ? std::string() : tensor.error().message();
}

template <typename T>
void expectRoundTrip(const std::string &name, std::vector<int64_t> shape,
                     const std::vector<T> &values) {
  Tensor original = Tensor::fromVector<T>(shape, values);
  std::string path = tempPath(name);
  ASSERT_TRUE(loom::writeNpy(path, original));
  loom::Expected<Tensor> read = loom::readNpy(path);
  ASSERT_TRUE(read) << read.error().message();
  EXPECT_EQ(read->shape(), shape);
  EXPECT_EQ(read->dtype(), loom::dtypeOf<T>);
  EXPECT_EQ(read->toVector<T>(), values);
  std::remove(path.c_str());
}

TEST(NpyTest, RoundTripsEveryDType) {
  expectRoundTrip<float>("f32", {2, 3}, {1.5f, -2, 3, 4, 5e-8f, -6e7f});
  expectRoundTrip<double>("f64", {4}, {0.1, -0.2, 1e300, -1e-300});
  expectRoundTrip<bool>("i1", {2, 2}, {true, false, false, true});
  expectRoundTrip<int32_t>("i32", {1, 2, 2}, {INT32_MIN, -1, 0, INT32_MAX});
  expectRoundTrip<int64_t>("i64", {3}, {INT64_MIN, 7, INT64_MAX});
}

TEST(NpyTest, RoundTripsScalarsAndEmptyArrays) {
  expectRoundTrip<double>("scalar", {}, {2.25});
  expectRoundTrip<float>("empty", {0, 3}, {});
}

TEST(NpyTest, EncodingFollowsTheFormat) {
  std::string bytes = loom::encodeNpy(Tensor::fromVector<float>({3}, {1, 2, 3}));
  ASSERT_GE(bytes.size(), 10u);
  EXPECT_EQ(bytes.substr(0, 6), "\x93NUMPY");
  EXPECT_EQ(bytes[6], 1);
  EXPECT_EQ(bytes[7], 0);
  size_t headerLength = static_cast<unsigned char>(bytes[8]) |
                        static_cast<unsigned char>(bytes[9]) << 8;
  EXPECT_EQ((10 + headerLength) % 64, 0u);
  EXPECT_EQ(bytes[10 + headerLength - 1], '\n');
  std::string header = bytes.substr(10, headerLength);
  EXPECT_NE(header.find("'descr': '<f4'"), std::string::npos);
  EXPECT_NE(header.find("'fortran_order': False"), std::string::npos);
  EXPECT_NE(header.find("'shape': (3,)"), std::string::npos);
  EXPECT_EQ(bytes.size(), 10 + headerLength + 12);
}

TEST(NpyTest, ReadsNumPyLayoutsVersionOneAndTwo) {
  std::vector<int32_t> values = {1, 2, 3, 4, 5, 6};
  std::string dict = "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }";
  for (int major : {1, 2}) {
    loom::Expected<Tensor> tensor = loom::decodeNpy(
        npyFile(dict, major == 1 ? 118 : 116, rawBytes(values), major), "x.npy");
    ASSERT_TRUE(tensor) << tensor.error().message();
    EXPECT_EQ(tensor->shape(), (std::vector<int64_t>{2, 3}));
    EXPECT_EQ(tensor->toVector<int32_t>(), values);
  }
  // Double quotes, no trailing comma, a one-element tuple.
  loom::Expected<Tensor> tensor = loom::decodeNpy(
      npyFile("{\"shape\": (2,), \"fortran_order\": False, \"descr\": \"<f8\"}",
              118, rawBytes(std::vector<double>{0.5, -4})),
      "y.npy");
  ASSERT_TRUE(tensor) << tensor.error().message();
  EXPECT_EQ(tensor->toVector<double>(), (std::vector<double>{0.5, -4}));
}

TEST(NpyTest, NormalizesBooleanBytes) {
  loom::Expected<Tensor> tensor = loom::decodeNpy(
      npyFile("{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }", 118,
              std::string("\x00\x01\x07", 3)),
      "b.npy");
  ASSERT_TRUE(tensor) << tensor.error().message();
  const auto *bytes = static_cast<const unsigned char *>(tensor->rawData());
  EXPECT_EQ(bytes[0], 0);
  EXPECT_EQ(bytes[1], 1);
  EXPECT_EQ(bytes[2], 1);
}

TEST(NpyTest, RejectsCorruptFiles) {
  std::string dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }";
  std::string data = rawBytes(std::vector<double>{1, 2, 3});

  EXPECT_NE(decodeError("PK\x03\x04 not numpy").find("bad.npy: not an .npy file"),
            std::string::npos);
  EXPECT_NE(decodeError(std::string("\x93NUMPY\x01\x00\x50", 9)).find("not an .npy"),
            std::string::npos);
  EXPECT_NE(decodeError(npyFile(dict, 118, data, 9)).find("unsupported .npy version 9.0"),
            std::string::npos);
  std::string shortHeader = npyFile(dict, 118, data).substr(0, 60);
  EXPECT_NE(decodeError(shortHeader).find("truncated header"), std::string::npos);

  std::string truncated = npyFile(dict, 118, data.substr(0, 20));
  EXPECT_EQ(decodeError(truncated),
            "bad.npy: truncated data: tensor<3xf64> needs 24 bytes, the file has 20");
  EXPECT_NE(decodeError(npyFile(dict, 118, data + "xx")).find("corrupt data"),
            std::string::npos);
  // A huge declared shape is reported, not allocated.
  EXPECT_EQ(decodeError(npyFile(
                "{'descr': '<f4', 'fortran_order': False, 'shape': (1099511627776,), }",
                118, "abcd")),
            "bad.npy: truncated data: tensor<1099511627776xf32> needs "
            "4398046511104 bytes, the file has 4");
  EXPECT_NE(decodeError(npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': "
                                "(1000000000000, 1000000000000), }",
                                118, ""))
                .find("too many elements"),
            std::string::npos);
}

TEST(NpyTest, RejectsMalformedHeaders) {
  EXPECT_NE(decodeError(npyFile("{'descr': '<f8', 'fortran_order': False, }", 118, ""))
                .find("header lacks one of 'descr', 'fortran_order', 'shape'"),
            std::string::npos);
  EXPECT_NE(decodeError(npyFile("{'descr': '<f8', 'fortran_order': Maybe, 'shape': (1,)}",
                                118, ""))
                .find("malformed header: expected True or False"),
            std::string::npos);
  EXPECT_NE(decodeError(npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (1, x)}",
                                118, ""))
                .find("malformed header"),
            std::string::npos);
  EXPECT_NE(decodeError(npyFile("{'descr': '<f8', 'color': 'red'}", 118, ""))
                .find("unexpected header key 'color'"),
            std::string::npos);
  EXPECT_NE(decodeError(npyFile("['descr']", 118, "")).find("expected '{'"),
            std::string::npos);
}

TEST(NpyTest, RejectsUnsupportedLayouts) {
  EXPECT_NE(decodeError(npyFile("{'descr': '<u2', 'fortran_order': False, 'shape': (1,), }",
                                118, "ab"))
                .find("unsupported dtype '<u2'"),
            std::string::npos);
  EXPECT_NE(decodeError(npyFile("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }",
                                118, "abcd"))
                .find("big-endian"),
            std::string::npos);
  EXPECT_NE(decodeError(npyFile("{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }",
                                118, "abcd"))
                .find("Fortran-order"),
            std::string::npos);
}

TEST(NpyTest, ReportsFileSystemErrors) {
  loom::Expected<Tensor> missing = loom::readNpy("/nonexistent/dir/x.npy");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message().find("cannot open '/nonexistent/dir/x.npy'"),
            std::string::npos);
  auto written = loom::writeNpy("/nonexistent/dir/x.npy", Tensor::zeros({1}));
  ASSERT_FALSE(written);
  EXPECT_NE(written.error().message().find("cannot create"), std::string::npos);
}

} // namespace
