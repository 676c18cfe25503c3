//===- Image.cpp - 8-bit images and PNG files -----------------------------===//
#include "loom/Data/Image.h"

#include <png.h>

#include <algorithm>
#include <cstring>

namespace loom::data {

Image::Image(int64_t width, int64_t height, Format format, Color background)
    : columns(width), rows(height), pixelFormat(format) {
  if (width < 0 || height < 0)
    throw Error(ErrorKind::InvalidArgument, "an image cannot be " + std::to_string(width) + " x " +
                std::to_string(height) + " pixels");
  pixels.resize(static_cast<size_t>(width * height * channels()));
  fillRect(0, 0, width, height, background);
}

void Image::set(int64_t x, int64_t y, Color color) {
  if (x < 0 || y < 0 || x >= columns || y >= rows)
    return;
  uint8_t *pixel = &pixels[static_cast<size_t>((y * columns + x) * channels())];
  pixel[0] = color.red;
  if (pixelFormat == Format::RGB) {
    pixel[1] = color.green;
    pixel[2] = color.blue;
  }
}

Color Image::at(int64_t x, int64_t y) const {
  if (x < 0 || y < 0 || x >= columns || y >= rows)
    throw Error(ErrorKind::InvalidArgument, "pixel (" + std::to_string(x) + ", " + std::to_string(y) +
                ") is outside the " + std::to_string(columns) + " x " +
                std::to_string(rows) + " image");
  const uint8_t *pixel =
      &pixels[static_cast<size_t>((y * columns + x) * channels())];
  if (pixelFormat == Format::Gray)
    return Color::gray(pixel[0]);
  return {pixel[0], pixel[1], pixel[2]};
}

void Image::fillRect(int64_t x, int64_t y, int64_t width, int64_t height,
                     Color color) {
  int64_t left = std::max<int64_t>(x, 0), top = std::max<int64_t>(y, 0);
  int64_t right = std::min(x + width, columns);
  int64_t bottom = std::min(y + height, rows);
  for (int64_t row = top; row < bottom; ++row)
    for (int64_t column = left; column < right; ++column)
      set(column, row, color);
}

Expected<void> writePng(const std::string &path, const Image &image) {
  if (image.width() == 0 || image.height() == 0)
    return Error(ErrorKind::IO, "cannot write '" + path +
                 "': a PNG image needs at least one "
                 "pixel, this one is " +
                 std::to_string(image.width()) + " x " +
                 std::to_string(image.height()));
  // libpng's simplified API reports errors through `message` rather than
  // longjmp, which would skip C++ destructors.
  png_image description;
  std::memset(&description, 0, sizeof(description));
  description.version = PNG_IMAGE_VERSION;
  description.width = static_cast<png_uint_32>(image.width());
  description.height = static_cast<png_uint_32>(image.height());
  description.format =
      image.format() == Image::Format::Gray ? PNG_FORMAT_GRAY : PNG_FORMAT_RGB;
  int ok = png_image_write_to_file(&description, path.c_str(),
                                   /*convert_to_8bit=*/0, image.bytes().data(),
                                   /*row_stride=*/0, /*colormap=*/nullptr);
  std::string message = description.message;
  png_image_free(&description);
  if (!ok)
    return Error(ErrorKind::IO, "cannot write PNG file '" + path + "': " + message);
  return {};
}

} // namespace loom::data
