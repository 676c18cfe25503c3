//===- Npy.cpp - NumPy .npy files -----------------------------------------===//
//
// Layout: the magic "\x93NUMPY", a major and a minor version byte, the header
// length (uint16 for version 1, uint32 for versions 2 and 3, little-endian),
// then the header: a Python dict literal with exactly the keys 'descr',
// 'fortran_order' and 'shape', padded with spaces and ending in '\n'. The raw
// elements follow.
//
//===----------------------------------------------------------------------===//
#include "loom/Runtime/Npy.h"

#include "loom/Runtime/Files.h"

#include <cctype>
#include <cstring>
#include <limits>
#include <optional>

namespace loom {
namespace {

constexpr std::string_view kMagic = "\x93NUMPY";

struct NpyHeader {
  std::optional<std::string> descr;
  std::optional<bool> fortranOrder;
  std::optional<std::vector<int64_t>> shape;
};

/// Recursive-descent reader for the header's dict literal. Each method
/// returns false after recording what it expected in `problem`.
class HeaderParser {
public:
  explicit HeaderParser(std::string_view text) : text(text) {}

  bool parse(NpyHeader &header) {
    if (!consume('{'))
      return fail("expected '{' at the start of the header");
    while (true) {
      if (consume('}'))
        break;
      std::string key;
      if (!parseString(key) || !expect(':'))
        return false;
      if (key == "descr") {
        std::string descr;
        if (!parseString(descr))
          return false;
        header.descr = descr;
      } else if (key == "fortran_order") {
        bool value;
        if (!parseBool(value))
          return false;
        header.fortranOrder = value;
      } else if (key == "shape") {
        std::vector<int64_t> shape;
        if (!parseShape(shape))
          return false;
        header.shape = std::move(shape);
      } else {
        return fail("unexpected header key '" + key + "'");
      }
      if (!consume(',')) {
        if (!consume('}'))
          return fail("expected ',' or '}' after the value of '" + key + "'");
        break;
      }
    }
    skipSpace();
    if (position != text.size())
      return fail("unexpected text after the header dict");
    return true;
  }

  const std::string &error() const { return problem; }

private:
  void skipSpace() {
    while (position < text.size() &&
           std::isspace(static_cast<unsigned char>(text[position])))
      ++position;
  }
  bool consume(char c) {
    skipSpace();
    if (position < text.size() && text[position] == c) {
      ++position;
      return true;
    }
    return false;
  }
  bool consumeWord(std::string_view word) {
    skipSpace();
    if (text.substr(position, word.size()) != word)
      return false;
    position += word.size();
    return true;
  }
  bool expect(char c) {
    return consume(c) || fail(std::string("expected '") + c + "'");
  }
  bool fail(std::string message) {
    problem = std::move(message);
    return false;
  }

  bool parseString(std::string &out) {
    skipSpace();
    if (position >= text.size() ||
        (text[position] != '\'' && text[position] != '"'))
      return fail("expected a quoted string");
    char quote = text[position++];
    size_t end = text.find(quote, position);
    if (end == std::string_view::npos)
      return fail("unterminated string");
    out = std::string(text.substr(position, end - position));
    position = end + 1;
    return true;
  }

  bool parseBool(bool &out) {
    if (consumeWord("True"))
      out = true;
    else if (consumeWord("False"))
      out = false;
    else
      return fail("expected True or False for 'fortran_order'");
    return true;
  }

  bool parseShape(std::vector<int64_t> &shape) {
    if (!consume('('))
      return fail("expected '(' to start 'shape'");
    while (!consume(')')) {
      skipSpace();
      size_t start = position;
      while (position < text.size() &&
             std::isdigit(static_cast<unsigned char>(text[position])))
        ++position;
      if (start == position)
        return fail("expected a non-negative integer in 'shape'");
      std::string digits(text.substr(start, position - start));
      if (digits.size() > 18)
        return fail("dimension " + digits + " in 'shape' is too large");
      shape.push_back(std::stoll(digits));
      // Python tuples separate with ',' and allow one after the last element.
      if (!consume(',')) {
        if (!consume(')'))
          return fail("expected ',' or ')' in 'shape'");
        break;
      }
    }
    return true;
  }

  std::string_view text;
  size_t position = 0;
  std::string problem;
};

std::optional<DType> dtypeFromDescr(std::string_view descr) {
  if (descr == "<f4")
    return DType::F32;
  if (descr == "<f8")
    return DType::F64;
  if (descr == "|b1")
    return DType::I1;
  if (descr == "<i4")
    return DType::I32;
  if (descr == "<i8")
    return DType::I64;
  return std::nullopt;
}

std::string_view descrFromDType(DType dtype) {
  switch (dtype) {
  case DType::F32:
    return "<f4";
  case DType::F64:
    return "<f8";
  case DType::I1:
    return "|b1";
  case DType::I32:
    return "<i4";
  case DType::I64:
    return "<i8";
  }
  return "";
}

uint32_t readLittleEndian(std::string_view bytes, size_t offset, size_t width) {
  uint32_t value = 0;
  for (size_t i = 0; i < width; ++i)
    value |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[offset + i]))
             << (8 * i);
  return value;
}

} // namespace

Expected<Tensor> decodeNpy(std::string_view bytes, std::string_view sourceName) {
  std::string where(sourceName);
  auto error = [&](const std::string &message) {
    return Error(ErrorKind::IO, where + ": " + message);
  };

  if (bytes.size() < 10 || bytes.substr(0, kMagic.size()) != kMagic)
    return error("not an .npy file (too short, or no \\x93NUMPY magic)");
  unsigned major = static_cast<unsigned char>(bytes[6]);
  unsigned minor = static_cast<unsigned char>(bytes[7]);
  if (major < 1 || major > 3)
    return error("unsupported .npy version " + std::to_string(major) + "." +
                 std::to_string(minor));
  size_t lengthWidth = major == 1 ? 2 : 4;
  size_t headerStart = 8 + lengthWidth;
  if (bytes.size() < headerStart)
    return error("truncated .npy preamble");
  size_t headerLength = readLittleEndian(bytes, 8, lengthWidth);
  if (bytes.size() - headerStart < headerLength)
    return error("truncated header: it declares " +
                 std::to_string(headerLength) + " bytes, the file has " +
                 std::to_string(bytes.size() - headerStart));

  NpyHeader header;
  HeaderParser parser(bytes.substr(headerStart, headerLength));
  if (!parser.parse(header))
    return error("malformed header: " + parser.error());
  if (!header.descr || !header.fortranOrder || !header.shape)
    return error("header lacks one of 'descr', 'fortran_order', 'shape'");
  std::optional<DType> dtype = dtypeFromDescr(*header.descr);
  if (!dtype) {
    std::string hint = !header.descr->empty() && (*header.descr)[0] == '>'
                           ? " (big-endian data is not supported)"
                           : "";
    return error("unsupported dtype '" + *header.descr + "'" + hint +
                 "; supported: '<f4' '<f8' '|b1' '<i4' '<i8'");
  }
  if (*header.fortranOrder)
    return error("Fortran-order arrays are not supported; save a C-order copy");

  // Compare sizes before allocating: a corrupt shape must not allocate.
  int64_t elementCount;
  try {
    elementCount = shapeElementCount(*header.shape);
  } catch (const Error &shapeError) {
    return error(shapeError.message());
  }
  std::string_view data = bytes.substr(headerStart + headerLength);
  size_t expectedBytes = static_cast<size_t>(elementCount) * dtypeSize(*dtype);
  if (data.size() != expectedBytes)
    return error(std::string(data.size() < expectedBytes ? "truncated"
                                                         : "corrupt") +
                 " data: " + tensorTypeString(*header.shape, *dtype) +
                 " needs " + std::to_string(expectedBytes) +
                 " bytes, the file has " + std::to_string(data.size()));
  Tensor tensor = Tensor::zeros(*header.shape, *dtype);
  if (*dtype == DType::I1) {
    // Normalize so every byte is a valid C++ bool.
    auto *destination = static_cast<unsigned char *>(tensor.rawData());
    for (size_t i = 0; i < data.size(); ++i)
      destination[i] = data[i] != 0;
  } else if (!data.empty()) {
    std::memcpy(tensor.rawData(), data.data(), data.size());
  }
  return tensor;
}

std::string encodeNpy(const Tensor &tensor) {
  std::string dict = "{'descr': '" + std::string(descrFromDType(tensor.dtype())) +
                     "', 'fortran_order': False, 'shape': (";
  for (int64_t dim : tensor.shape())
    dict += std::to_string(dim) + ", ";
  if (tensor.rank() > 0)
    dict.erase(dict.size() - (tensor.rank() == 1 ? 1 : 2));
  dict += "), }";

  // Pad with spaces so the data starts at a multiple of 64 bytes.
  auto paddedLength = [&](size_t preamble) {
    size_t unpadded = preamble + dict.size() + 1;
    return (unpadded + 63) / 64 * 64 - preamble;
  };
  unsigned major = paddedLength(10) <= std::numeric_limits<uint16_t>::max() ? 1 : 2;
  size_t preamble = major == 1 ? 10 : 12;
  size_t headerLength = paddedLength(preamble);

  std::string bytes(kMagic);
  bytes += static_cast<char>(major);
  bytes += '\0';
  for (size_t i = 0; i < preamble - 8; ++i)
    bytes += static_cast<char>((headerLength >> (8 * i)) & 0xFF);
  bytes += dict;
  bytes.append(headerLength - dict.size() - 1, ' ');
  bytes += '\n';
  bytes.append(static_cast<const char *>(tensor.rawData()), tensor.numBytes());
  return bytes;
}

Expected<Tensor> readNpy(const std::string &path) {
  Expected<std::string> bytes = readFile(path);
  if (!bytes)
    return bytes.error();
  return decodeNpy(*bytes, path);
}

Expected<void> writeNpy(const std::string &path,
                                  const Tensor &tensor) {
  return writeFileAtomically(path, encodeNpy(tensor));
}

} // namespace loom
