//===- FashionMNIST.cpp - Loading Fashion-MNIST ---------------------------===//
#include "loom/Data/FashionMNIST.h"

#include "loom/Data/Idx.h"

#include <algorithm>
#include <array>
#include <filesystem>

namespace loom::data {
namespace {

std::string shapeText(const std::vector<int64_t> &dims) {
  std::string text;
  for (size_t i = 0; i < dims.size(); ++i)
    text += (i ? " x " : "") + std::to_string(dims[i]);
  return text;
}

} // namespace

Tensor Dataset::imagesAs(std::vector<int64_t> shape) const {
  if (shapeElementCount(shape) != images.numElements())
    throw Error(ErrorKind::InvalidArgument, "cannot view " + images.typeString() + " images as " +
                tensorTypeString(shape, DType::F32) +
                ": the element counts differ");
  // Tensor copies share their buffer, so a const dataset's pixels are no more
  // protected than a copied handle's; the view follows the same rule.
  return Tensor::borrow(const_cast<void *>(images.rawData()), std::move(shape),
                        DType::F32);
}

std::string_view fashionClassName(int32_t label) {
  static constexpr std::array<std::string_view, kFashionClasses> kNames = {
      "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
      "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
  if (label < 0 || label >= kFashionClasses)
    return "unknown";
  return kNames[label];
}

Expected<Dataset> loadIdxDataset(const std::string &imagesPath,
                                 const std::string &labelsPath,
                                 int64_t classCount,
                                 std::optional<int64_t> limit) {
  if (limit && *limit < 0)
    return Error(ErrorKind::InvalidArgument, "the image limit must not be negative, got " +
                 std::to_string(*limit));
  Expected<IdxArray> images = readIdx(imagesPath);
  if (!images)
    return images.error();
  Expected<IdxArray> labels = readIdx(labelsPath);
  if (!labels)
    return labels.error();

  if (images->dims.size() != 3)
    return Error(ErrorKind::IO,
        "idx file '" + imagesPath +
        "' should hold images (count x rows x columns) but has shape " +
        shapeText(images->dims));
  if (labels->dims.size() != 1)
    return Error(ErrorKind::IO, "idx file '" + labelsPath +
                 "' should hold one label per image but has shape " +
                 shapeText(labels->dims));
  if (images->dims[0] != labels->dims[0])
    return Error(ErrorKind::IO, "'" + imagesPath + "' holds " +
                 std::to_string(images->dims[0]) + " images but '" +
                 labelsPath + "' holds " + std::to_string(labels->dims[0]) +
                 " labels");

  int64_t count = images->dims[0];
  if (limit)
    count = std::min(count, *limit);
  int64_t height = images->dims[1];
  int64_t width = images->dims[2];
  int64_t pixels = height * width;

  Dataset dataset{Tensor::zeros({count, pixels}, DType::F32),
                  Tensor::zeros({count}, DType::I32), height, width};
  int32_t *labelData = dataset.labels.data<int32_t>();
  for (int64_t i = 0; i < count; ++i) {
    int32_t label = labels->elements[i];
    if (label >= classCount)
      return Error(ErrorKind::IO, "idx file '" + labelsPath + "' has label " +
                   std::to_string(label) + " at index " + std::to_string(i) +
                   ", outside 0.." + std::to_string(classCount - 1));
    labelData[i] = label;
  }
  float *pixelData = dataset.images.data<float>();
  for (int64_t i = 0; i < count * pixels; ++i)
    pixelData[i] = static_cast<float>(images->elements[i]) / 255.0f;
  return dataset;
}

namespace {
/// The images and labels paths of `split` under `directory`.
std::pair<std::string, std::string> splitPaths(Split split,
                                               const std::string &directory) {
  std::string prefix = split == Split::Train ? "train" : "t10k";
  std::filesystem::path root(directory);
  return {(root / (prefix + "-images-idx3-ubyte.gz")).string(),
          (root / (prefix + "-labels-idx1-ubyte.gz")).string()};
}
} // namespace

Expected<void> checkFashionMNISTFiles(Split split,
                                      const std::string &directory) {
  auto [imagesPath, labelsPath] = splitPaths(split, directory);
  for (const std::string &path : {imagesPath, labelsPath}) {
    std::error_code ignored;
    if (!std::filesystem::exists(path, ignored))
      return Error(ErrorKind::IO, "Fashion-MNIST file '" + path +
                   "' does not exist; install the data set with "
                   "`apt-get install dataset-fashion-mnist`");
  }
  return {};
}

Expected<Dataset> loadFashionMNIST(Split split, std::optional<int64_t> limit,
                                   const std::string &directory) {
  if (Expected<void> present = checkFashionMNISTFiles(split, directory);
      !present)
    return present.error();
  auto [imagesPath, labelsPath] = splitPaths(split, directory);
  Expected<Dataset> dataset =
      loadIdxDataset(imagesPath, labelsPath, kFashionClasses, limit);
  if (!dataset)
    return dataset;
  if (dataset->height != kFashionImageSide ||
      dataset->width != kFashionImageSide)
    return Error(ErrorKind::IO, "Fashion-MNIST images in '" + imagesPath + "' are " +
                 std::to_string(dataset->height) + " x " +
                 std::to_string(dataset->width) + " pixels instead of 28 x 28");
  return dataset;
}

} // namespace loom::data
