//===- Pictures.h - Pictures of images, results and mistakes ----*- C++ -*-===//
//
// Turns tensors of small images and classification results into pictures a
// person can look at: a grid of images, input | reconstruction pairs, a
// confusion matrix and a grid of labelled predictions. Everything is drawn at
// one pixel per image pixel and then enlarged by nearest-neighbour scaling.
//
// Image tensors are f32 with values in [0, 1] (others are clamped, NaN is
// black), any shape whose element count is a multiple of height * width:
// {N, 784}, {N, 28, 28} and {N, 1, 28, 28} all hold N images.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_DATA_PICTURES_H
#define LOOM_DATA_PICTURES_H

#include "loom/Data/Image.h"
#include "loom/Runtime/Tensor.h"
#include "loom/Support/Error.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace loom::data {

struct GridOptions {
  int64_t imageHeight = 28;
  int64_t imageWidth = 28;
  /// Cells per row; 0 picks a near-square grid.
  int64_t columns = 0;
  /// Pixels (before scaling) between cells and around the grid.
  int64_t margin = 2;
  /// Nearest-neighbour enlargement of the whole picture.
  int64_t scale = 2;
  uint8_t background = 96;
};

/// Every image of `images` in a grid, row by row (grayscale).
Expected<Image> imageGrid(const Tensor &images,
                          const GridOptions &options = {});

/// Each input beside its reconstruction, one pair per cell (grayscale).
/// `inputs` and `reconstructions` hold the same number of images.
Expected<Image> pairGrid(const Tensor &inputs, const Tensor &reconstructions,
                         const GridOptions &options = {});

/// Each image with a green (right) or red (wrong) frame and, below it, the
/// predicted class, followed by "/true class" when wrong (RGB). Classes are
/// drawn as numbers.
Expected<Image> predictionGrid(const Tensor &images,
                               const std::vector<int32_t> &predicted,
                               const std::vector<int32_t> &truth,
                               const GridOptions &options = {});

/// Counts of (true class, predicted class) pairs.
class ConfusionMatrix {
public:
  /// Throws loom::Error when `classes` is not positive.
  explicit ConfusionMatrix(int64_t classes);

  /// Throws loom::Error for a class outside 0..classes-1.
  void add(int32_t truth, int32_t predicted);
  /// Adds the first `count` pairs (all when negative) of two equally long
  /// lists.
  void add(const std::vector<int32_t> &truth,
           const std::vector<int32_t> &predicted, int64_t count = -1);

  int64_t classes() const { return classCount; }
  int64_t count(int32_t truth, int32_t predicted) const;
  int64_t total() const;
  /// The fraction on the diagonal; 0 when empty.
  double accuracy() const;

private:
  int64_t classCount;
  std::vector<int64_t> counts;
};

/// The confusion matrix as a heatmap (RGB): rows are true classes, columns
/// predicted ones, each labelled with its class number; each cell shows its
/// count, shaded by its share of the row (blue on the diagonal, red off it).
Image confusionMatrixImage(const ConfusionMatrix &matrix, int64_t scale = 3);

/// The index of the largest element of each row of a {rows, classes} f32
/// tensor, e.g. the predicted classes from logits.
std::vector<int32_t> argmaxRows(const Tensor &scores);

/// Draws `text` with a 3x5-pixel font, top-left at (x, y), one pixel between
/// characters. Digits, '/', '.', '-' and ' ' are drawn; other characters are
/// left blank.
void drawText(Image &image, int64_t x, int64_t y, std::string_view text,
              Color color);
/// The width in pixels of `text` drawn by drawText.
int64_t textWidth(std::string_view text);
inline constexpr int64_t kTextHeight = 5;

/// `image` with every pixel repeated `factor` x `factor` times.
Image upscale(const Image &image, int64_t factor);

} // namespace loom::data

#endif
