//===- Checkpoint.cpp - Saving and restoring a Trainer --------------------===//
//
// The format is documented in loom/Training/Trainer.h.
//
//===----------------------------------------------------------------------===//
#include "loom/Training/Trainer.h"

#include "loom/Runtime/Files.h"

#include <fmt/format.h>

#include "llvm/Support/MathExtras.h"

#include <cstring>

namespace loom::training {
namespace {

constexpr char kMagic[8] = {'L', 'O', 'O', 'M', 'C', 'K', 'P', 'T'};
constexpr uint32_t kVersion = 1;
constexpr uint8_t kParameterKind = 0;
constexpr uint8_t kStateKind = 1;

template <typename T> void put(std::string &out, T value) {
  unsigned char bytes[sizeof(T)];
  auto bits = static_cast<std::make_unsigned_t<T>>(value);
  for (size_t i = 0; i < sizeof(T); ++i)
    bytes[i] = static_cast<unsigned char>(bits >> (8 * i));
  out.append(reinterpret_cast<const char *>(bytes), sizeof(T));
}

/// Reads little-endian fields, failing once the data runs out.
class Reader {
public:
  Reader(std::string_view data) : data(data) {}

  template <typename T> bool get(T &value) {
    if (data.size() - offset < sizeof(T))
      return false;
    std::make_unsigned_t<T> bits = 0;
    for (size_t i = 0; i < sizeof(T); ++i)
      bits |= static_cast<std::make_unsigned_t<T>>(
                  static_cast<unsigned char>(data[offset + i]))
              << (8 * i);
    value = static_cast<T>(bits);
    offset += sizeof(T);
    return true;
  }
  bool bytes(size_t count, std::string_view &out) {
    if (data.size() - offset < count)
      return false;
    out = data.substr(offset, count);
    offset += count;
    return true;
  }
  size_t position() const { return offset; }

private:
  std::string_view data;
  size_t offset = 0;
};

struct StoredTensor {
  std::string name;
  uint8_t kind;
  DType dtype;
  std::vector<int64_t> shape;
  std::string_view payload;
};

std::string describe(uint8_t kind, const std::string &name) {
  return fmt::format("{} '{}'", kind == kParameterKind ? "parameter" : "state",
                     name);
}

} // namespace

uint64_t checkpointChecksum(std::string_view contents) {
  uint64_t hash = 14695981039346656037ull; // FNV-1a 64
  for (unsigned char byte : contents) {
    hash ^= byte;
    hash *= 1099511628211ull;
  }
  return hash;
}

Expected<void> Trainer::save(const std::string &path) const {
  if (Expected<void> usable = checkNotMovedFrom(); !usable)
    return usable.error();
  if (ranks && ranks->rank() != 0)
    return {};
  std::string out(kMagic, sizeof(kMagic));
  put<uint32_t>(out, kVersion);
  put<uint64_t>(out, steps);
  put<uint32_t>(out, static_cast<uint32_t>(params.size() + state.size()));
  auto write = [&](const NamedTensor &entry, uint8_t kind) {
    put<uint32_t>(out, static_cast<uint32_t>(entry.name.size()));
    out += entry.name;
    put<uint8_t>(out, kind);
    put<uint8_t>(out, static_cast<uint8_t>(entry.tensor.dtype()));
    put<uint32_t>(out, static_cast<uint32_t>(entry.tensor.rank()));
    for (int64_t dim : entry.tensor.shape())
      put<int64_t>(out, dim);
    put<uint64_t>(out, entry.tensor.numBytes());
    out.append(static_cast<const char *>(entry.tensor.rawData()),
               entry.tensor.numBytes());
  };
  for (const NamedTensor &param : params)
    write(param, kParameterKind);
  for (const NamedTensor &entry : state)
    write(entry, kStateKind);
  put<uint64_t>(out, checkpointChecksum(out));

  // Written in one piece: a crash never leaves a torn checkpoint.
  Expected<void> written = writeFileAtomically(path, out);
  if (!written)
    return Error(ErrorKind::IO, "cannot save checkpoint: " + written.error().message());
  return {};
}

Expected<void> Trainer::load(const std::string &path) {
  if (Expected<void> usable = checkNotMovedFrom(); !usable)
    return usable.error();
  Expected<std::string> contents = readFile(path, "checkpoint");
  if (!contents)
    return contents.error();
  return loadBytes(*contents, path);
}

namespace {
/// A checkpoint's contents, viewing the bytes it was parsed from.
struct ParsedCheckpoint {
  uint64_t stepCount = 0;
  std::vector<StoredTensor> tensors;
};

/// Checks the magic, structure and checksum of `data`.
Expected<ParsedCheckpoint> parseCheckpoint(std::string_view data,
                                           std::string_view sourceName) {
  auto invalid = [&](const std::string &problem) {
    return Error(ErrorKind::IO, "checkpoint '" + std::string(sourceName) + "': " + problem);
  };

  if (data.size() < sizeof(kMagic) ||
      std::memcmp(data.data(), kMagic, sizeof(kMagic)) != 0)
    return invalid("not a Loom checkpoint (bad magic)");
  Reader reader(data.substr(sizeof(kMagic)));
  uint32_t version = 0, count = 0;
  ParsedCheckpoint parsed;
  auto truncated = [&]() {
    return invalid(fmt::format("truncated: the file ends at byte {} inside "
                               "its contents",
                               data.size()));
  };
  if (!reader.get(version))
    return truncated();
  if (version != kVersion)
    return invalid(fmt::format("version {} is not supported (expected {})",
                               version, kVersion));
  if (!reader.get(parsed.stepCount) || !reader.get(count))
    return truncated();

  std::vector<StoredTensor> &stored = parsed.tensors;
  for (uint32_t i = 0; i < count; ++i) {
    StoredTensor tensor;
    uint32_t nameLength = 0, rank = 0;
    uint8_t dtype = 0;
    uint64_t byteCount = 0;
    std::string_view name;
    if (!reader.get(nameLength) || !reader.bytes(nameLength, name) ||
        !reader.get(tensor.kind) || !reader.get(dtype) || !reader.get(rank))
      return truncated();
    tensor.name = std::string(name);
    if (dtype > static_cast<uint8_t>(DType::I64) ||
        (tensor.kind != kParameterKind && tensor.kind != kStateKind) ||
        rank > 32)
      return invalid("corrupt header of tensor '" + tensor.name + "'");
    tensor.dtype = static_cast<DType>(dtype);
    tensor.shape.resize(rank);
    for (int64_t &dim : tensor.shape)
      if (!reader.get(dim))
        return truncated();
    if (!reader.get(byteCount) || !reader.bytes(byteCount, tensor.payload))
      return truncated();
    stored.push_back(std::move(tensor));
  }
  size_t contentsEnd = sizeof(kMagic) + reader.position();
  uint64_t checksum = 0;
  if (!reader.get(checksum))
    return truncated();
  if (sizeof(kMagic) + reader.position() != data.size())
    return invalid("corrupt: unexpected bytes after the checksum");
  if (checksum != checkpointChecksum(data.substr(0, contentsEnd)))
    return invalid("corrupt: the checksum does not match the contents");

  return parsed;
}

} // namespace

Expected<void> Trainer::loadBytes(std::string_view data,
                                  std::string_view sourceName) {
  if (Expected<void> usable = checkNotMovedFrom(); !usable)
    return usable.error();
  if (Expected<void> usable = checkNotMovedFrom(); !usable)
    return usable.error();
  auto invalid = [&](const std::string &problem) {
    return Error(ErrorKind::IO, "checkpoint '" + std::string(sourceName) + "': " + problem);
  };
  Expected<ParsedCheckpoint> parsed = parseCheckpoint(data, sourceName);
  if (!parsed)
    return parsed.error();
  const std::vector<StoredTensor> &stored = parsed->tensors;

  // Everything must match before anything is overwritten.
  std::vector<std::pair<const StoredTensor *, Tensor *>> copies;
  size_t expected = params.size() + state.size();
  if (stored.size() != expected)
    return invalid(fmt::format("holds {} tensors, the trainer has {}",
                               stored.size(), expected));
  for (size_t i = 0; i < stored.size(); ++i) {
    bool isParameter = i < params.size();
    NamedTensor &target = isParameter ? params[i] : state[i - params.size()];
    uint8_t kind = isParameter ? kParameterKind : kStateKind;
    const StoredTensor &source = stored[i];
    if (source.kind != kind || source.name != target.name)
      return invalid(fmt::format("tensor #{} is {}, the trainer expects {}", i,
                                 describe(source.kind, source.name),
                                 describe(kind, target.name)));
    if (source.dtype != target.tensor.dtype() ||
        source.shape != target.tensor.shape())
      return invalid(fmt::format(
          "{} is {}, the trainer expects {}", describe(kind, target.name),
          tensorTypeString(source.shape, source.dtype),
          target.tensor.typeString()));
    if (source.payload.size() != target.tensor.numBytes())
      return invalid(fmt::format("{} holds {} bytes, expected {}",
                                 describe(kind, target.name),
                                 source.payload.size(),
                                 target.tensor.numBytes()));
    copies.emplace_back(&source, &target.tensor);
  }
  for (auto [source, target] : copies)
    std::memcpy(target->rawData(), source->payload.data(),
                source->payload.size());
  steps = parsed->stepCount;
  return {};
}

Expected<std::vector<NamedTensor>>
readCheckpointParameters(const std::string &path) {
  Expected<std::string> contents = readFile(path, "checkpoint");
  if (!contents)
    return contents.error();
  Expected<ParsedCheckpoint> parsed = parseCheckpoint(*contents, path);
  if (!parsed)
    return parsed.error();
  std::vector<NamedTensor> parameters;
  for (const StoredTensor &stored : parsed->tensors) {
    if (stored.kind != kParameterKind)
      continue;
    // The payload must be the shape's size before the shape is allocated.
    uint64_t bytes = dtypeSize(stored.dtype);
    for (int64_t dim : stored.shape)
      bytes = dim < 0 ? UINT64_MAX : llvm::SaturatingMultiply(
                                         bytes, static_cast<uint64_t>(dim));
    if (stored.payload.size() != bytes)
      return Error(ErrorKind::IO,
                   fmt::format("checkpoint '{}': {} holds {} bytes, its shape {}",
                               path, describe(stored.kind, stored.name),
                               stored.payload.size(),
                               tensorTypeString(stored.shape, stored.dtype)));
    Tensor tensor = Tensor::zeros(stored.shape, stored.dtype);
    std::memcpy(tensor.rawData(), stored.payload.data(), stored.payload.size());
    parameters.push_back({stored.name, std::move(tensor)});
  }
  return parameters;
}

} // namespace loom::training
