//===- Image.h - 8-bit images and PNG files ---------------------*- C++ -*-===//
//
// A small 8-bit grayscale or RGB raster that the picture helpers draw into,
// written to PNG with libpng.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_DATA_IMAGE_H
#define LOOM_DATA_IMAGE_H

#include "loom/Support/Error.h"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace loom::data {

struct Color {
  uint8_t red = 0, green = 0, blue = 0;
  static constexpr Color gray(uint8_t level) { return {level, level, level}; }
  bool operator==(const Color &) const = default;
};

class Image {
public:
  enum class Format { Gray, RGB };

  /// A `width` x `height` image filled with `background`; gray images keep
  /// the colour's red channel. Throws loom::Error for a negative size.
  Image(int64_t width, int64_t height, Format format,
        Color background = Color::gray(0));

  int64_t width() const { return columns; }
  int64_t height() const { return rows; }
  Format format() const { return pixelFormat; }
  int64_t channels() const { return pixelFormat == Format::Gray ? 1 : 3; }

  /// Row-major pixels, `channels()` bytes each.
  const std::vector<uint8_t> &bytes() const { return pixels; }

  /// Sets one pixel; pixels outside the image are ignored so shapes may be
  /// clipped at the border.
  void set(int64_t x, int64_t y, Color color);
  /// The pixel at (x, y), which must be inside the image; a gray pixel reads
  /// back as that level in every channel.
  Color at(int64_t x, int64_t y) const;
  void fillRect(int64_t x, int64_t y, int64_t width, int64_t height,
                Color color);

private:
  int64_t columns;
  int64_t rows;
  Format pixelFormat;
  std::vector<uint8_t> pixels;
};

/// Writes `image` as an 8-bit grayscale or RGB PNG file, replacing any
/// existing file.
Expected<void> writePng(const std::string &path, const Image &image);

} // namespace loom::data

#endif
