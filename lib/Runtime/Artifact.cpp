//===- Artifact.cpp - Manifests and shared-library artifacts --------------===//
#include "loom/Runtime/Artifact.h"

#include "loom/Runtime/Files.h"

#include <charconv>
#include <dlfcn.h>

namespace loom {
namespace {

// Version 2 added the argument kind `state`, version 3 result names and
// workspaces; older
// manifests still load, a result named after the argument it is tied to or
// "result<N>".
constexpr int kManifestVersion = 3;
constexpr int kFirstVersionNamingResults = 3;
constexpr int kFirstVersionWithWorkspaces = 3;
constexpr int kOldestManifestVersion = 1;

std::string quoted(std::string_view text) {
  std::string result = "\"";
  for (char c : text) {
    if (c == '\n') {
      result += "\\n";
      continue;
    }
    if (c == '"' || c == '\\')
      result += '\\';
    result += c;
  }
  return result + "\"";
}

std::string shapeText(const std::vector<int64_t> &shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    text += (i ? "," : "") + std::to_string(shape[i]);
  return text + "]";
}


/// Reads one manifest line field by field; every failure names the line.
class LineReader {
public:
  LineReader(std::string_view line, std::string_view fileName, size_t number)
      : rest(line), fileName(fileName), lineNumber(number) {}

  Error error(const std::string &problem) const {
    return Error(ErrorKind::IO, std::string(fileName) + ":" +
                                    std::to_string(lineNumber) +
                                    ": malformed artifact manifest: " + problem);
  }
  bool atEnd() {
    skipSpaces();
    return rest.empty();
  }
  Expected<std::string> word() {
    skipSpaces();
    size_t end = rest.find(' ');
    std::string result(rest.substr(0, end));
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end);
    if (result.empty())
      return error("a field is missing");
    return result;
  }
  Expected<std::string> quotedString() {
    skipSpaces();
    if (rest.empty() || rest.front() != '"')
      return error("expected a quoted name");
    std::string result;
    for (size_t i = 1; i < rest.size(); ++i) {
      char c = rest[i];
      if (c == '"') {
        rest.remove_prefix(i + 1);
        return result;
      }
      if (c == '\\') {
        if (++i == rest.size())
          break;
        c = rest[i] == 'n' ? '\n' : rest[i];
        if (rest[i] != 'n' && rest[i] != '"' && rest[i] != '\\')
          return error("unknown escape '\\" + std::string(1, rest[i]) + "'");
      }
      result += c;
    }
    return error("unterminated quoted name");
  }
  template <typename Integer> Expected<Integer> integer() {
    Expected<std::string> text = word();
    if (!text)
      return text.error();
    Integer value{};
    auto [end, problem] =
        std::from_chars(text->data(), text->data() + text->size(), value);
    if (problem != std::errc() || end != text->data() + text->size())
      return error("'" + *text + "' is not an integer in range");
    return value;
  }
  Expected<double> number() {
    Expected<std::string> text = word();
    if (!text)
      return text.error();
    double value = 0;
    auto [end, problem] =
        std::from_chars(text->data(), text->data() + text->size(), value);
    if (problem != std::errc() || end != text->data() + text->size())
      return error("'" + *text + "' is not a number");
    return value;
  }
  Expected<TensorSpec> tensorSpec() {
    Expected<std::string> dtypeText = word();
    if (!dtypeText)
      return dtypeText.error();
    std::optional<DType> dtype;
    for (DType candidate :
         {DType::F32, DType::F64, DType::I1, DType::I32, DType::I64})
      if (dtypeName(candidate) == *dtypeText)
        dtype = candidate;
    if (!dtype)
      return error("unknown dtype '" + *dtypeText + "'");
    Expected<std::string> shapeWord = word();
    if (!shapeWord)
      return shapeWord.error();
    std::string_view shape = *shapeWord;
    if (shape.size() < 2 || shape.front() != '[' || shape.back() != ']')
      return error("expected a shape [d0,d1,...], got '" + *shapeWord + "'");
    shape = shape.substr(1, shape.size() - 2);
    TensorSpec spec{{}, *dtype};
    while (!shape.empty()) {
      size_t comma = shape.find(',');
      std::string_view dim = shape.substr(0, comma);
      int64_t value = -1;
      auto [end, problem] =
          std::from_chars(dim.data(), dim.data() + dim.size(), value);
      if (problem != std::errc() || end != dim.data() + dim.size() || value < 0)
        return error("bad dimension '" + std::string(dim) + "' in shape " +
                     *shapeWord);
      spec.shape.push_back(value);
      if (comma == std::string_view::npos)
        break;
      shape.remove_prefix(comma + 1);
      if (shape.empty())
        return error("a shape ends in a comma: " + *shapeWord);
    }
    return spec;
  }

private:
  void skipSpaces() {
    while (!rest.empty() && rest.front() == ' ')
      rest.remove_prefix(1);
  }
  std::string_view rest;
  std::string_view fileName;
  size_t lineNumber;
};

/// The initializer kind `name` as the dialect spells it.
std::optional<InitializerKind> initializerKindNamed(std::string_view name) {
  for (InitializerKind kind :
       {InitializerKind::Zeros, InitializerKind::Ones, InitializerKind::Normal,
        InitializerKind::Uniform, InitializerKind::XavierUniform,
        InitializerKind::KaimingUniform})
    if (initializerKindName(kind) == name)
      return kind;
  return std::nullopt;
}

Expected<ArgumentInfo> parseArgument(LineReader &line) {
  Expected<std::string> kindText = line.word();
  if (!kindText)
    return kindText.error();
  ArgumentKind kind = ArgumentKind::Plain;
  if (*kindText == "param")
    kind = ArgumentKind::Parameter;
  else if (*kindText == "input")
    kind = ArgumentKind::Input;
  else if (*kindText == "state")
    kind = ArgumentKind::State;
  else if (*kindText != "plain")
    return line.error("unknown argument kind '" + *kindText + "'");
  Expected<std::string> name = line.quotedString();
  if (!name)
    return name.error();
  Expected<TensorSpec> type = line.tensorSpec();
  if (!type)
    return type.error();
  ArgumentInfo argument{*name, kind, *type, std::nullopt};
  if (line.atEnd())
    return argument;
  Expected<std::string> keyword = line.word();
  if (!keyword)
    return keyword.error();
  if (*keyword != "init")
    return line.error("unexpected '" + *keyword + "' after an argument");
  Expected<std::string> initName = line.word();
  if (!initName)
    return initName.error();
  std::optional<InitializerKind> initKind = initializerKindNamed(*initName);
  if (!initKind)
    return line.error("unknown initializer '" + *initName + "'");
  Expected<double> scale = line.number();
  if (!scale)
    return scale.error();
  argument.initializer = Initializer{*initKind, *scale};
  if (!line.atEnd())
    return line.error("unexpected text after an initializer");
  return argument;
}

/// The library of a loaded artifact; dlclose when the Executable dies.
class SharedLibrary : public CodeLibrary {
public:
  explicit SharedLibrary(void *handle) : handle(handle) {}
  ~SharedLibrary() override { dlclose(handle); }
  void *lookup(const std::string &symbol) const override {
    return dlsym(handle, symbol.c_str());
  }

private:
  void *handle;
};

} // namespace

std::string_view argumentKindName(ArgumentKind kind) {
  switch (kind) {
  case ArgumentKind::Parameter:
    return "param";
  case ArgumentKind::Input:
    return "input";
  case ArgumentKind::State:
    return "state";
  case ArgumentKind::Plain:
    return "plain";
  }
  return "plain";
}

std::string formatManifest(const ArtifactInfo &info) {
  std::string text = "loom-artifact " + std::to_string(kManifestVersion) + "\n";
  text += "target " + quoted(info.targetBackend) + " " + quoted(info.targetCPU) +
          "\n";
  text += "threads " + std::to_string(info.threads) + "\n";
  text += "library " + quoted(info.library) + "\n";
  for (const Signature &signature : info.signatures) {
    text += "entry " + quoted(signature.entry) + "\n";
    for (const ArgumentInfo &argument : signature.arguments) {
      text += "arg " + std::string(argumentKindName(argument.kind)) + " " +
              quoted(argument.name) + " " +
              std::string(dtypeName(argument.type.dtype)) + " " +
              shapeText(argument.type.shape);
      if (argument.initializer) {
        char scale[32];
        auto [end, problem] = std::to_chars(scale, scale + sizeof scale,
                                            argument.initializer->scale);
        text += " init " +
                std::string(initializerKindName(argument.initializer->kind)) +
                " " + std::string(scale, end);
      }
      text += "\n";
    }
    for (size_t i = 0; i < signature.results.size(); ++i) {
      const ResultInfo &result = signature.results[i];
      text += "result " + quoted(result.name) + " " +
              std::string(dtypeName(result.type.dtype)) + " " +
              shapeText(result.type.shape);
      if (result.tiedTo)
        text += " tied " + std::to_string(*result.tiedTo);
      text += "\n";
    }
    if (signature.workspaceBytes)
      text += "workspace " + std::to_string(*signature.workspaceBytes) + "\n";
    text += "end\n";
  }
  return text;
}

Expected<ArtifactInfo> parseManifest(std::string_view text,
                                     std::string_view fileName) {
  ArtifactInfo info;
  info.targetBackend.clear();
  bool sawHeader = false, sawTarget = false, sawThreads = false,
       sawLibrary = false;
  int version = 0;
  std::optional<Signature> open;
  size_t number = 0;
  while (!text.empty()) {
    size_t newline = text.find('\n');
    if (newline == std::string_view::npos)
      return LineReader("", fileName, number + 1)
          .error("the last line has no newline: the file is truncated");
    std::string_view lineText = text.substr(0, newline);
    text.remove_prefix(newline + 1);
    LineReader line(lineText, fileName, ++number);
    if (line.atEnd())
      continue;
    Expected<std::string> keyword = line.word();
    if (!keyword)
      return keyword.error();
    if (!sawHeader) {
      if (*keyword != "loom-artifact")
        return line.error("it does not start with 'loom-artifact'");
      Expected<int> number = line.integer<int>();
      if (!number)
        return number.error();
      version = *number;
      if (version < kOldestManifestVersion || version > kManifestVersion)
        return Error(ErrorKind::Unsupported,
                     std::string(fileName) + ": artifact manifest version " +
                         std::to_string(version) + "; this runtime reads " +
                         "versions " + std::to_string(kOldestManifestVersion) +
                         "-" + std::to_string(kManifestVersion));
      sawHeader = true;
    } else if (*keyword == "target" && !open) {
      Expected<std::string> backend = line.quotedString();
      if (!backend)
        return backend.error();
      Expected<std::string> cpu = line.quotedString();
      if (!cpu)
        return cpu.error();
      info.targetBackend = *backend;
      info.targetCPU = *cpu;
      sawTarget = true;
    } else if (*keyword == "threads" && !open) {
      Expected<unsigned> threads = line.integer<unsigned>();
      if (!threads)
        return threads.error();
      if (*threads == 0)
        return line.error("the thread count must be positive");
      info.threads = *threads;
      sawThreads = true;
    } else if (*keyword == "library" && !open) {
      Expected<std::string> library = line.quotedString();
      if (!library)
        return library.error();
      if (library->empty() || library->find('/') != std::string::npos)
        return line.error("the library must be a file name in the artifact's "
                          "directory, got '" + *library + "'");
      info.library = *library;
      sawLibrary = true;
    } else if (*keyword == "entry" && !open) {
      Expected<std::string> name = line.quotedString();
      if (!name)
        return name.error();
      open = Signature{*name, {}, {}};
    } else if (*keyword == "arg" && open) {
      if (!open->results.empty())
        return line.error("an argument after a result");
      Expected<ArgumentInfo> argument = parseArgument(line);
      if (!argument)
        return argument.error();
      open->arguments.push_back(std::move(*argument));
      continue;
    } else if (*keyword == "result" && open) {
      std::string name;
      if (version >= kFirstVersionNamingResults) {
        Expected<std::string> given = line.quotedString();
        if (!given)
          return given.error();
        if (given->empty())
          return line.error("a result needs a non-empty name");
        for (const ResultInfo &earlier : open->results)
          if (earlier.name == *given)
            return line.error("two results are named '" + *given + "'");
        name = std::move(*given);
      }
      Expected<TensorSpec> type = line.tensorSpec();
      if (!type)
        return type.error();
      std::optional<size_t> tiedTo;
      if (!line.atEnd()) {
        Expected<std::string> tied = line.word();
        if (!tied)
          return tied.error();
        if (*tied != "tied")
          return line.error("unexpected '" + *tied + "' after a result");
        Expected<size_t> index = line.integer<size_t>();
        if (!index)
          return index.error();
        if (*index >= open->arguments.size() ||
            open->arguments[*index].type.shape != type->shape ||
            open->arguments[*index].type.dtype != type->dtype)
          return line.error("result tied to argument " +
                            std::to_string(*index) +
                            ", which is not an argument of its type");
        tiedTo = *index;
      }
      if (name.empty())
        name = tiedTo ? open->arguments[*tiedTo].name
                      : "result" + std::to_string(open->results.size());
      open->results.push_back({std::move(name), std::move(*type), tiedTo});
    } else if (*keyword == "workspace" && open &&
               version >= kFirstVersionWithWorkspaces) {
      if (open->workspaceBytes)
        return line.error("a second 'workspace' in entry '" + open->entry + "'");
      Expected<uint64_t> bytes = line.integer<uint64_t>();
      if (!bytes)
        return bytes.error();
      open->workspaceBytes = *bytes;
    } else if (*keyword == "end" && open) {
      info.signatures.push_back(std::move(*open));
      open.reset();
    } else {
      return line.error("unexpected '" + *keyword + "'" +
                        (open ? " inside entry '" + open->entry + "'" : ""));
    }
    if (!line.atEnd())
      return line.error("unexpected text after '" + *keyword + "'");
  }
  LineReader last("", fileName, number);
  if (!sawHeader)
    return last.error("the file is empty");
  if (open)
    return last.error("entry '" + open->entry +
                      "' has no 'end': the file is truncated");
  if (!sawTarget || !sawThreads || !sawLibrary)
    return last.error("it lacks a 'target', 'threads' or 'library' line");
  if (info.signatures.empty())
    return last.error("it lists no entry");
  return info;
}

Expected<Executable> loadArtifact(const std::string &directory) {
  std::string manifestPath = directory + "/" + kArtifactManifestFile;
  Expected<std::string> manifest = readFile(manifestPath, "artifact manifest");
  if (!manifest)
    return manifest.error();
  Expected<ArtifactInfo> info = parseManifest(*manifest, manifestPath);
  if (!info)
    return info.error();
  std::string libraryPath = directory + "/" + info->library;
  // RTLD_NOW: an unresolved symbol is an error here, not a crash mid-run.
  void *handle = dlopen(libraryPath.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char *reason = dlerror();
    return Error(ErrorKind::IO, "cannot load artifact library '" + libraryPath +
                                    "': " + (reason ? reason : "unknown"));
  }
  Expected<Executable> executable =
      makeExecutable(std::make_unique<SharedLibrary>(handle), std::move(*info));
  if (!executable)
    return executable.error().withContext("artifact '" + directory + "'");
  return executable;
}

} // namespace loom
