//===- FashionMNIST.h - The Fashion-MNIST data set --------------*- C++ -*-===//
//
// Loads Fashion-MNIST from the gzip'd idx files that Debian's
// `dataset-fashion-mnist` package installs, as the reference models expect
// it (`docs/models.md`): f32 pixels scaled to [0, 1], one row of 784
// per image, and i32 class labels in 0..9.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_DATA_FASHIONMNIST_H
#define LOOM_DATA_FASHIONMNIST_H

#include "loom/Runtime/Tensor.h"
#include "loom/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loom::data {

inline constexpr int64_t kFashionImageSide = 28;
inline constexpr int64_t kFashionImagePixels = 28 * 28;
inline constexpr int64_t kFashionClasses = 10;
/// Where `dataset-fashion-mnist` installs the files.
inline constexpr const char *kFashionMNISTDirectory =
    "/usr/share/datasets/fashion-mnist";

enum class Split { Train, Test };

/// Images with their class labels.
struct Dataset {
  /// [N, height * width] f32 in [0, 1].
  Tensor images;
  /// [N] i32 class labels.
  Tensor labels;
  int64_t height = 0;
  int64_t width = 0;

  int64_t size() const {
    return labels.shape().empty() ? 0 : labels.shape()[0];
  }
  int64_t pixelsPerImage() const { return height * width; }

  /// The images under another shape with the same element count, e.g.
  /// {N, 28, 28} or {N, 1, 28, 28}, sharing their buffer without copying: the
  /// view is valid while `images` (or a copy of it) lives. Throws loom::Error
  /// when the element count differs.
  Tensor imagesAs(std::vector<int64_t> shape) const;
};

/// The name of Fashion-MNIST class `label` ("T-shirt/top", ..., "Ankle boot").
std::string_view fashionClassName(int32_t label);

/// Whether the idx files of a split of Fashion-MNIST are in `directory`: the
/// error that loadFashionMNIST gives for a missing file, or nothing. A tool
/// can check this before it spends time compiling.
Expected<void> checkFashionMNISTFiles(
    Split split, const std::string &directory = kFashionMNISTDirectory);

/// Loads a split of Fashion-MNIST from `directory`, keeping only the first
/// `limit` images when given. A missing file is an error that says to run
/// `apt-get install dataset-fashion-mnist`; a corrupt or inconsistent one is an
/// error naming the file and the problem.
Expected<Dataset>
loadFashionMNIST(Split split, std::optional<int64_t> limit = std::nullopt,
                 const std::string &directory = kFashionMNISTDirectory);

/// Loads any MNIST-format pair of idx files: 3-d unsigned-byte images and 1-d
/// labels below `classCount`, with equal counts. `limit` as above.
Expected<Dataset> loadIdxDataset(const std::string &imagesPath,
                                 const std::string &labelsPath,
                                 int64_t classCount,
                                 std::optional<int64_t> limit = std::nullopt);

} // namespace loom::data

#endif
