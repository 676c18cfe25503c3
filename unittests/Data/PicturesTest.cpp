//===- PicturesTest.cpp - Images, PNG files and pictures ------------------===//
#include "loom/Data/Pictures.h"

#include "TestFiles.h"

#include <gtest/gtest.h>
#include <png.h>

#include <cstring>

using namespace loom::data;
using namespace loom::data::testing;
using loom::Tensor;

namespace {

/// A PNG file decoded by libpng into 8-bit pixels of the requested format.
struct DecodedPng {
  uint32_t width = 0, height = 0;
  std::vector<uint8_t> pixels;
};

DecodedPng readPngWithLibpng(const std::string &path, bool rgb) {
  png_image image;
  std::memset(&image, 0, sizeof(image));
  image.version = PNG_IMAGE_VERSION;
  DecodedPng result;
  if (!png_image_begin_read_from_file(&image, path.c_str())) {
    ADD_FAILURE() << "libpng cannot read " << path << ": " << image.message;
    return result;
  }
  image.format = rgb ? PNG_FORMAT_RGB : PNG_FORMAT_GRAY;
  result.width = image.width;
  result.height = image.height;
  result.pixels.resize(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, result.pixels.data(), 0, nullptr))
    ADD_FAILURE() << "libpng cannot decode " << path << ": " << image.message;
  return result;
}

TEST(PngTest, GrayImageRoundTrips) {
  TemporaryDirectory dir;
  Image image(5, 3, Image::Format::Gray);
  for (int64_t y = 0; y < 3; ++y)
    for (int64_t x = 0; x < 5; ++x)
      image.set(x, y, Color::gray(static_cast<uint8_t>(x * 50 + y * 3)));
  ASSERT_TRUE(writePng(dir.file("gray.png"), image));

  DecodedPng decoded = readPngWithLibpng(dir.file("gray.png"), /*rgb=*/false);
  ASSERT_EQ(decoded.width, 5u);
  ASSERT_EQ(decoded.height, 3u);
  for (int64_t y = 0; y < 3; ++y)
    for (int64_t x = 0; x < 5; ++x)
      EXPECT_EQ(decoded.pixels[y * 5 + x], x * 50 + y * 3);
}

TEST(PngTest, RgbImageRoundTrips) {
  TemporaryDirectory dir;
  Image image(4, 2, Image::Format::RGB, {1, 2, 3});
  image.set(3, 1, {200, 100, 50});
  image.set(9, 9, {7, 7, 7}); // outside: ignored
  ASSERT_TRUE(writePng(dir.file("rgb.png"), image));

  DecodedPng decoded = readPngWithLibpng(dir.file("rgb.png"), /*rgb=*/true);
  ASSERT_EQ(decoded.width, 4u);
  ASSERT_EQ(decoded.height, 2u);
  std::vector<uint8_t> expected;
  for (int i = 0; i < 7; ++i)
    expected.insert(expected.end(), {1, 2, 3});
  expected.insert(expected.end(), {200, 100, 50});
  EXPECT_EQ(decoded.pixels, expected);
}

TEST(PngTest, UnwritablePathIsAnError) {
  TemporaryDirectory dir;
  Image image(2, 2, Image::Format::Gray);
  auto result = writePng(dir.file("missing/dir/out.png"), image);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message().find("missing/dir/out.png"),
            std::string::npos);
  EXPECT_FALSE(
      writePng(dir.file("empty.png"), Image(0, 3, Image::Format::Gray)));
}

TEST(PicturesTest, UpscaleRepeatsPixels) {
  Image image(2, 1, Image::Format::Gray);
  image.set(1, 0, Color::gray(9));
  Image large = upscale(image, 3);
  ASSERT_EQ(large.width(), 6);
  ASSERT_EQ(large.height(), 3);
  EXPECT_EQ(large.at(2, 2), Color::gray(0));
  EXPECT_EQ(large.at(3, 0), Color::gray(9));
  EXPECT_EQ(large.at(5, 2), Color::gray(9));
  EXPECT_THROW(upscale(image, 0), loom::Error);
}

TEST(PicturesTest, GridPlacesImagesRowByRow) {
  // Three 2x3 images (height 2, width 3) with distinct values.
  std::vector<float> values;
  for (int image = 0; image < 3; ++image)
    for (int pixel = 0; pixel < 6; ++pixel)
      values.push_back(image == 1 ? 1.0f : pixel / 5.0f);
  values[12] = -3.0f; // clamped to black
  Tensor images = Tensor::fromVector<float>({3, 6}, values);
  GridOptions options{.imageHeight = 2,
                      .imageWidth = 3,
                      .columns = 2,
                      .margin = 1,
                      .scale = 1,
                      .background = 77};
  loom::Expected<Image> grid = imageGrid(images, options);
  ASSERT_TRUE(grid) << grid.error().message();
  // 2 columns: 1 + 2 * (3 + 1) = 9 wide; 2 rows: 1 + 2 * (2 + 1) = 7 high.
  ASSERT_EQ(grid->width(), 9);
  ASSERT_EQ(grid->height(), 7);
  EXPECT_EQ(grid->format(), Image::Format::Gray);
  EXPECT_EQ(grid->at(0, 0), Color::gray(77));
  EXPECT_EQ(grid->at(4, 1), Color::gray(77));
  // Image 0 at (1, 1): pixel (x=2, y=1) is index 5, value 1.0.
  EXPECT_EQ(grid->at(1, 1), Color::gray(0));
  EXPECT_EQ(grid->at(3, 2), Color::gray(255));
  EXPECT_EQ(grid->at(2, 1), Color::gray(51));
  // Image 1 at (5, 1) is white; image 2 at (1, 4) starts with the clamp.
  EXPECT_EQ(grid->at(5, 1), Color::gray(255));
  EXPECT_EQ(grid->at(1, 4), Color::gray(0));
  EXPECT_EQ(grid->at(2, 4), Color::gray(51));
  // The empty fourth cell stays background.
  EXPECT_EQ(grid->at(6, 5), Color::gray(77));

  options.scale = 2;
  loom::Expected<Image> large = imageGrid(images, options);
  ASSERT_TRUE(large);
  EXPECT_EQ(large->width(), 18);
  EXPECT_EQ(large->at(7, 5), Color::gray(255));
}

TEST(PicturesTest, GridRejectsTensorsThatAreNotImages) {
  loom::Expected<Image> odd = imageGrid(Tensor::zeros({3, 783}));
  ASSERT_FALSE(odd);
  EXPECT_NE(odd.error().message().find("28 x 28 images, got tensor<3x783xf32>"),
            std::string::npos);
  EXPECT_FALSE(imageGrid(Tensor::zeros({2, 784}, loom::DType::F64)));
  EXPECT_FALSE(imageGrid(Tensor::zeros({2, 784}), {.scale = 0}));
}

TEST(PicturesTest, PairsPutInputBesideReconstruction) {
  Tensor inputs = Tensor::fromVector<float>({2, 1, 1}, {1.0f, 0.0f});
  Tensor outputs = Tensor::fromVector<float>({2, 1, 1}, {0.2f, 0.6f});
  GridOptions options{.imageHeight = 1,
                      .imageWidth = 1,
                      .columns = 2,
                      .margin = 1,
                      .scale = 1,
                      .background = 9};
  loom::Expected<Image> pairs = pairGrid(inputs, outputs, options);
  ASSERT_TRUE(pairs) << pairs.error().message();
  // Cells are 3 wide (input, gap, output): 1 + 2 * (3 + 1) = 9.
  ASSERT_EQ(pairs->width(), 9);
  ASSERT_EQ(pairs->height(), 3);
  std::vector<uint8_t> middleRow;
  for (int64_t x = 0; x < 9; ++x)
    middleRow.push_back(pairs->at(x, 1).red);
  EXPECT_EQ(middleRow, (std::vector<uint8_t>{9, 255, 9, 51, 9, 0, 9, 153, 9}));

  EXPECT_FALSE(pairGrid(inputs, Tensor::zeros({3, 1, 1}), options));
}

TEST(PicturesTest, PredictionsAreFramedGreenOrRed) {
  Tensor images = Tensor::zeros({2, 1, 1});
  GridOptions options{
      .imageHeight = 1, .imageWidth = 1, .columns = 2, .margin = 0, .scale = 1};
  loom::Expected<Image> grid = predictionGrid(images, {3, 4}, {3, 7}, options);
  ASSERT_TRUE(grid) << grid.error().message();
  EXPECT_EQ(grid->format(), Image::Format::RGB);
  // Cell 0 (right) at x 0..2, cell 1 (wrong) at x 3..5; frames around a
  // black pixel.
  Color green = grid->at(0, 0), red = grid->at(3, 0);
  EXPECT_GT(green.green, green.red);
  EXPECT_GT(red.red, red.green);
  EXPECT_EQ(grid->at(1, 1), Color::gray(0));
  EXPECT_EQ(grid->at(4, 1), Color::gray(0));
  // The text row starts at y = 1 + 2 + 1: "3" in cell 0 has its top bar lit.
  EXPECT_EQ(grid->at(0, 4), green);

  EXPECT_FALSE(predictionGrid(images, {1}, {1, 2}, options));
}

TEST(PicturesTest, DrawTextUsesTheDigitFont) {
  Image image(7, 5, Image::Format::Gray);
  drawText(image, 0, 0, "17", Color::gray(255));
  EXPECT_EQ(textWidth("17"), 7);
  // "1": .#. / ##. / .#. / .#. / ###   "7": ### / ..# / ..# / .#. / .#.
  const char *expected[] = {".#.:###", "##.:..#", ".#.:..#", ".#.:.#.",
                            "###:.#."};
  for (int64_t y = 0; y < 5; ++y)
    for (int64_t x = 0; x < 7; ++x)
      EXPECT_EQ(image.at(x, y).red, expected[y][x] == '#' ? 255 : 0)
          << "at (" << x << ", " << y << ")";
}

TEST(ConfusionMatrixTest, CountsAndAccuracy) {
  ConfusionMatrix matrix(3);
  matrix.add({0, 1, 2, 2, 1}, {0, 2, 2, 2, 1});
  matrix.add(0, 1);
  EXPECT_EQ(matrix.total(), 6);
  EXPECT_EQ(matrix.count(1, 2), 1);
  EXPECT_EQ(matrix.count(2, 2), 2);
  EXPECT_DOUBLE_EQ(matrix.accuracy(), 4.0 / 6.0);
  matrix.add({1, 1, 1}, {1, 0, 0}, /*count=*/1);
  EXPECT_EQ(matrix.count(1, 1), 2);
  EXPECT_THROW(matrix.add(3, 0), loom::Error);
  EXPECT_THROW(matrix.add({1}, {1, 2}), loom::Error);
  EXPECT_THROW(ConfusionMatrix(0), loom::Error);
}

TEST(ConfusionMatrixTest, HeatmapShadesByShareOfTheRow) {
  ConfusionMatrix matrix(2);
  for (int i = 0; i < 9; ++i)
    matrix.add(0, 0);
  matrix.add(0, 1);
  Image picture = confusionMatrixImage(matrix, /*scale=*/1);
  EXPECT_EQ(picture.format(), Image::Format::RGB);
  // The label column is 6 wide and cells 13 x 11 after an 8-pixel header; a
  // corner pixel of each cell shows its fill.
  Color diagonal = picture.at(6 + 1, 8 + 1);
  Color offDiagonal = picture.at(6 + 13 + 1, 8 + 1);
  Color empty = picture.at(6 + 13 + 1, 8 + 11 + 1);
  EXPECT_GT(diagonal.blue, diagonal.red);
  EXPECT_LT(diagonal.red, 60);
  EXPECT_GT(offDiagonal.red, offDiagonal.blue);
  EXPECT_EQ(empty, Color::gray(255));

  TemporaryDirectory dir;
  ASSERT_TRUE(
      writePng(dir.file("confusion.png"), confusionMatrixImage(matrix)));
  DecodedPng decoded = readPngWithLibpng(dir.file("confusion.png"), true);
  EXPECT_EQ(decoded.width, static_cast<uint32_t>(picture.width() * 3));
}

TEST(PicturesTest, ArgmaxRows) {
  Tensor scores =
      Tensor::fromVector<float>({2, 3}, {0.1f, 0.7f, 0.2f, 5.0f, -1.0f, 4.0f});
  EXPECT_EQ(argmaxRows(scores), (std::vector<int32_t>{1, 0}));
  EXPECT_THROW(argmaxRows(Tensor::zeros({3})), loom::Error);
}

} // namespace
