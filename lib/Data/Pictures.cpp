//===- Pictures.cpp - Pictures of images, results and mistakes ------------===//
#include "loom/Data/Pictures.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace loom::data {
namespace {

constexpr Color kWhite = Color::gray(255);
constexpr Color kBlack = Color::gray(0);
constexpr Color kRight = {40, 170, 60};
constexpr Color kWrong = {220, 40, 40};

/// Rows of a 3x5 glyph, three bits each, most significant bit leftmost.
using Glyph = std::array<uint8_t, kTextHeight>;

const Glyph *glyphFor(char character) {
  static constexpr std::array<Glyph, 10> kDigits = {{
      {7, 5, 5, 5, 7},
      {2, 6, 2, 2, 7},
      {7, 1, 7, 4, 7},
      {7, 1, 7, 1, 7},
      {5, 5, 7, 1, 1},
      {7, 4, 7, 1, 7},
      {7, 4, 7, 5, 7},
      {7, 1, 1, 2, 2},
      {7, 5, 7, 5, 7},
      {7, 5, 7, 1, 7},
  }};
  static constexpr Glyph kSlash = {1, 1, 2, 4, 4};
  static constexpr Glyph kDot = {0, 0, 0, 0, 2};
  static constexpr Glyph kMinus = {0, 0, 7, 0, 0};
  if (character >= '0' && character <= '9')
    return &kDigits[character - '0'];
  switch (character) {
  case '/':
    return &kSlash;
  case '.':
    return &kDot;
  case '-':
    return &kMinus;
  default:
    return nullptr;
  }
}

uint8_t toByte(float value) {
  if (!(value > 0.0f))
    return 0;
  if (value >= 1.0f)
    return 255;
  return static_cast<uint8_t>(std::lround(value * 255.0f));
}

Color mix(Color from, Color to, double amount) {
  auto channel = [&](uint8_t a, uint8_t b) {
    return static_cast<uint8_t>(std::lround(a + (b - a) * amount));
  };
  return {channel(from.red, to.red), channel(from.green, to.green),
          channel(from.blue, to.blue)};
}

/// The number of images in `images`, or an error naming `role`.
Expected<int64_t> countImages(const Tensor &images, const GridOptions &options,
                              std::string_view role) {
  if (options.imageHeight <= 0 || options.imageWidth <= 0 ||
      options.scale <= 0 || options.margin < 0 || options.columns < 0)
    return Error(ErrorKind::InvalidArgument, "invalid grid options: images " +
                 std::to_string(options.imageHeight) + " x " +
                 std::to_string(options.imageWidth) + ", scale " +
                 std::to_string(options.scale) + ", margin " +
                 std::to_string(options.margin) + ", columns " +
                 std::to_string(options.columns));
  int64_t pixels = options.imageHeight * options.imageWidth;
  if (images.dtype() != DType::F32 || images.numElements() % pixels != 0)
    return Error(ErrorKind::InvalidArgument, std::string(role) + " must be an f32 tensor of " +
                 std::to_string(options.imageHeight) + " x " +
                 std::to_string(options.imageWidth) + " images, got " +
                 images.typeString());
  return images.numElements() / pixels;
}

void drawImage(Image &canvas, const float *pixels, int64_t x, int64_t y,
               const GridOptions &options) {
  for (int64_t row = 0; row < options.imageHeight; ++row)
    for (int64_t column = 0; column < options.imageWidth; ++column)
      canvas.set(
          x + column, y + row,
          Color::gray(toByte(pixels[row * options.imageWidth + column])));
}

/// Lays `count` cells of `cellWidth` x `cellHeight` out in rows and calls
/// `draw(index, x, y)` for each; returns the enlarged canvas.
template <typename DrawCell>
Image layOutGrid(int64_t count, int64_t cellWidth, int64_t cellHeight,
                 const GridOptions &options, Image::Format format,
                 DrawCell drawCell) {
  int64_t columns = options.columns;
  if (columns == 0)
    columns = std::max<int64_t>(
        1, static_cast<int64_t>(std::ceil(std::sqrt(double(count)))));
  columns = std::max<int64_t>(1, std::min(columns, count));
  int64_t rows = std::max<int64_t>(1, (count + columns - 1) / columns);
  int64_t margin = options.margin;
  Image canvas(margin + columns * (cellWidth + margin),
               margin + rows * (cellHeight + margin), format,
               Color::gray(options.background));
  for (int64_t index = 0; index < count; ++index)
    drawCell(index, margin + (index % columns) * (cellWidth + margin),
             margin + (index / columns) * (cellHeight + margin), canvas);
  return upscale(canvas, options.scale);
}

} // namespace

void drawText(Image &image, int64_t x, int64_t y, std::string_view text,
              Color color) {
  for (char character : text) {
    if (const Glyph *glyph = glyphFor(character))
      for (int64_t row = 0; row < kTextHeight; ++row)
        for (int64_t column = 0; column < 3; ++column)
          if ((*glyph)[row] & (4 >> column))
            image.set(x + column, y + row, color);
    x += 4;
  }
}

int64_t textWidth(std::string_view text) {
  return text.empty() ? 0 : 4 * static_cast<int64_t>(text.size()) - 1;
}

Image upscale(const Image &image, int64_t factor) {
  if (factor <= 0)
    throw Error(ErrorKind::InvalidArgument, "the scale factor must be positive, got " +
                std::to_string(factor));
  Image result(image.width() * factor, image.height() * factor, image.format());
  for (int64_t y = 0; y < image.height(); ++y)
    for (int64_t x = 0; x < image.width(); ++x)
      result.fillRect(x * factor, y * factor, factor, factor, image.at(x, y));
  return result;
}

Expected<Image> imageGrid(const Tensor &images, const GridOptions &options) {
  Expected<int64_t> count = countImages(images, options, "the images");
  if (!count)
    return count.error();
  const float *pixels = images.data<float>();
  int64_t stride = options.imageHeight * options.imageWidth;
  return layOutGrid(*count, options.imageWidth, options.imageHeight, options,
                    Image::Format::Gray,
                    [&](int64_t index, int64_t x, int64_t y, Image &canvas) {
                      drawImage(canvas, pixels + index * stride, x, y, options);
                    });
}

Expected<Image> pairGrid(const Tensor &inputs, const Tensor &reconstructions,
                         const GridOptions &options) {
  Expected<int64_t> count = countImages(inputs, options, "the inputs");
  if (!count)
    return count.error();
  Expected<int64_t> outputCount =
      countImages(reconstructions, options, "the reconstructions");
  if (!outputCount)
    return outputCount.error();
  if (*count != *outputCount)
    return Error(ErrorKind::InvalidArgument, "cannot pair " + std::to_string(*count) + " inputs with " +
                 std::to_string(*outputCount) + " reconstructions");
  const float *inputPixels = inputs.data<float>();
  const float *outputPixels = reconstructions.data<float>();
  int64_t stride = options.imageHeight * options.imageWidth;
  // One background pixel between the two halves of a pair.
  int64_t cellWidth = 2 * options.imageWidth + 1;
  return layOutGrid(
      *count, cellWidth, options.imageHeight, options, Image::Format::Gray,
      [&](int64_t index, int64_t x, int64_t y, Image &canvas) {
        drawImage(canvas, inputPixels + index * stride, x, y, options);
        drawImage(canvas, outputPixels + index * stride,
                  x + options.imageWidth + 1, y, options);
      });
}

Expected<Image> predictionGrid(const Tensor &images,
                               const std::vector<int32_t> &predicted,
                               const std::vector<int32_t> &truth,
                               const GridOptions &options) {
  Expected<int64_t> count = countImages(images, options, "the images");
  if (!count)
    return count.error();
  if (static_cast<int64_t>(predicted.size()) != *count ||
      static_cast<int64_t>(truth.size()) != *count)
    return Error(ErrorKind::InvalidArgument, "need one prediction and one label per image: " +
                 std::to_string(*count) + " images, " +
                 std::to_string(predicted.size()) + " predictions, " +
                 std::to_string(truth.size()) + " labels");
  const float *pixels = images.data<float>();
  int64_t stride = options.imageHeight * options.imageWidth;
  // A one-pixel frame around the image, then a line of text below it.
  int64_t cellWidth = options.imageWidth + 2;
  int64_t cellHeight = options.imageHeight + 2 + 1 + kTextHeight;
  return layOutGrid(
      *count, cellWidth, cellHeight, options, Image::Format::RGB,
      [&](int64_t index, int64_t x, int64_t y, Image &canvas) {
        bool right = predicted[index] == truth[index];
        Color frame = right ? kRight : kWrong;
        canvas.fillRect(x, y, cellWidth, options.imageHeight + 2, frame);
        drawImage(canvas, pixels + index * stride, x + 1, y + 1, options);
        std::string label = std::to_string(predicted[index]);
        if (!right) {
          label += '/';
          label += std::to_string(truth[index]);
        }
        drawText(canvas, x, y + options.imageHeight + 3, label, frame);
      });
}

ConfusionMatrix::ConfusionMatrix(int64_t classes) : classCount(classes) {
  if (classes <= 0)
    throw Error(ErrorKind::InvalidArgument, "a confusion matrix needs at least one class, got " +
                std::to_string(classes));
  counts.assign(static_cast<size_t>(classes * classes), 0);
}

void ConfusionMatrix::add(int32_t truth, int32_t predicted) {
  if (truth < 0 || truth >= classCount || predicted < 0 ||
      predicted >= classCount)
    throw Error(ErrorKind::InvalidArgument, "confusion matrix of " + std::to_string(classCount) +
                " classes cannot count true class " + std::to_string(truth) +
                " predicted as " + std::to_string(predicted));
  ++counts[truth * classCount + predicted];
}

void ConfusionMatrix::add(const std::vector<int32_t> &truth,
                          const std::vector<int32_t> &predicted,
                          int64_t count) {
  if (truth.size() != predicted.size())
    throw Error(ErrorKind::InvalidArgument, "confusion matrix: " + std::to_string(truth.size()) +
                " labels but " + std::to_string(predicted.size()) +
                " predictions");
  int64_t size = static_cast<int64_t>(truth.size());
  if (count > size)
    throw Error(ErrorKind::InvalidArgument, "confusion matrix: cannot add " + std::to_string(count) +
                " of " + std::to_string(size) + " predictions");
  if (count < 0)
    count = size;
  for (int64_t i = 0; i < count; ++i)
    add(truth[i], predicted[i]);
}

int64_t ConfusionMatrix::count(int32_t truth, int32_t predicted) const {
  if (truth < 0 || truth >= classCount || predicted < 0 ||
      predicted >= classCount)
    throw Error(ErrorKind::InvalidArgument, "confusion matrix of " + std::to_string(classCount) +
                " classes has no cell (" + std::to_string(truth) + ", " +
                std::to_string(predicted) + ")");
  return counts[truth * classCount + predicted];
}

int64_t ConfusionMatrix::total() const {
  int64_t sum = 0;
  for (int64_t value : counts)
    sum += value;
  return sum;
}

double ConfusionMatrix::accuracy() const {
  int64_t all = total();
  if (all == 0)
    return 0.0;
  int64_t right = 0;
  for (int64_t c = 0; c < classCount; ++c)
    right += counts[c * classCount + c];
  return static_cast<double>(right) / static_cast<double>(all);
}

Image confusionMatrixImage(const ConfusionMatrix &matrix, int64_t scale) {
  int64_t classes = matrix.classes();
  int64_t widest = 1;
  for (int32_t t = 0; t < classes; ++t)
    for (int32_t p = 0; p < classes; ++p)
      widest = std::max(widest, textWidth(std::to_string(matrix.count(t, p))));
  int64_t cellWidth = std::max<int64_t>(widest + 4, 13);
  int64_t cellHeight = kTextHeight + 6;
  // Class numbers label the rows on the left and the columns on top.
  int64_t labelWidth = textWidth(std::to_string(classes - 1)) + 3;
  int64_t labelHeight = kTextHeight + 3;
  Image canvas(labelWidth + classes * cellWidth + 1,
               labelHeight + classes * cellHeight + 1, Image::Format::RGB,
               kWhite);

  constexpr Color kDiagonal = {8, 69, 148};
  constexpr Color kOffDiagonal = {203, 24, 29};
  constexpr Color kGrid = Color::gray(200);
  for (int32_t t = 0; t < classes; ++t) {
    std::string label = std::to_string(t);
    drawText(canvas, labelWidth - 2 - textWidth(label),
             labelHeight + t * cellHeight + 3, label, kBlack);
    drawText(canvas,
             labelWidth + t * cellWidth + (cellWidth - textWidth(label)) / 2, 1,
             label, kBlack);
    int64_t rowTotal = 0;
    for (int32_t p = 0; p < classes; ++p)
      rowTotal += matrix.count(t, p);
    for (int32_t p = 0; p < classes; ++p) {
      int64_t count = matrix.count(t, p);
      double share = rowTotal ? double(count) / double(rowTotal) : 0.0;
      // Off-diagonal shares are small; a square root makes mistakes visible.
      double shade = t == p ? share : std::sqrt(share);
      Color fill = mix(kWhite, t == p ? kDiagonal : kOffDiagonal, shade);
      int64_t x = labelWidth + p * cellWidth;
      int64_t y = labelHeight + t * cellHeight;
      canvas.fillRect(x, y, cellWidth + 1, cellHeight + 1, kGrid);
      canvas.fillRect(x + 1, y + 1, cellWidth - 1, cellHeight - 1, fill);
      std::string text = std::to_string(count);
      drawText(canvas, x + 1 + (cellWidth - 1 - textWidth(text)) / 2, y + 3,
               text, shade > 0.5 ? kWhite : kBlack);
    }
  }
  return upscale(canvas, scale);
}

std::vector<int32_t> argmaxRows(const Tensor &scores) {
  if (scores.dtype() != DType::F32 || scores.rank() != 2 ||
      scores.shape()[1] == 0)
    throw Error(ErrorKind::InvalidArgument, "argmaxRows needs an f32 tensor {rows, classes} with at least "
                "one class, got " +
                scores.typeString());
  int64_t rows = scores.shape()[0], classes = scores.shape()[1];
  const float *data = scores.data<float>();
  std::vector<int32_t> result(static_cast<size_t>(rows));
  for (int64_t row = 0; row < rows; ++row) {
    const float *begin = data + row * classes;
    result[row] =
        static_cast<int32_t>(std::max_element(begin, begin + classes) - begin);
  }
  return result;
}

} // namespace loom::data
