//===- AheadOfTimeHeader.cpp - The C++ header of an AOT artifact ----------===//
#include "AheadOfTimeHeader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <string_view>

namespace loom::detail {
namespace {

bool isKeyword(std::string_view word) {
  static const std::set<std::string_view> keywords = {
      "alignas", "alignof", "and", "asm", "auto", "bool", "break", "case",
      "catch", "char", "class", "const", "constexpr", "continue", "default",
      "delete", "do", "double", "else", "enum", "explicit", "export",
      "extern", "false", "float", "for", "friend", "goto", "if", "inline",
      "int", "long", "mutable", "namespace", "new", "not", "operator", "or",
      "private", "protected", "public", "register", "return", "short",
      "signed", "sizeof", "static", "struct", "switch", "template", "this",
      "throw", "true", "try", "typedef", "typename", "union", "unsigned",
      "using", "virtual", "void", "volatile", "while", "xor",
      // Names the generated code itself uses in the same scopes.
      "loom", "std", "executable", "kManifest", "Parameters", "parameters",
      "directory", "load"};
  return keywords.count(word) != 0;
}

/// `text` as a C++ identifier: other characters become '_'.
std::string identifier(std::string_view text) {
  std::string result;
  for (char c : text)
    result += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (result.empty() || std::isdigit(static_cast<unsigned char>(result[0])))
    result = "v" + result;
  if (isKeyword(result))
    result += "_";
  return result;
}

/// Identifiers unique within one scope.
class Names {
public:
  std::string take(std::string_view text) {
    std::string name = identifier(text);
    while (!taken.insert(name).second)
      name += "_";
    return name;
  }

private:
  std::set<std::string> taken;
};

std::string shapeText(const TensorSpec &spec) {
  std::string text = std::string(dtypeName(spec.dtype)) + " [";
  for (size_t i = 0; i < spec.shape.size(); ++i)
    text += (i ? "," : "") + std::to_string(spec.shape[i]);
  return text + "]";
}

std::string_view dtypeEnumerator(DType dtype) {
  switch (dtype) {
  case DType::F32:
    return "F32";
  case DType::F64:
    return "F64";
  case DType::I1:
    return "I1";
  case DType::I32:
    return "I32";
  case DType::I64:
    return "I64";
  }
  return "";
}

/// `text` as the contents of a C++ string literal (and of a comment: no
/// line breaks).
std::string escaped(std::string_view text) {
  std::string result;
  for (char c : text) {
    if (c == '"' || c == '\\')
      result += '\\';
    if (c == '\n') {
      result += "\\n";
      continue;
    }
    result += c;
  }
  return result;
}

/// A raw string delimiter that does not occur in `text`.
std::string rawDelimiter(const std::string &text) {
  std::string delimiter = "loom";
  while (text.find(")" + delimiter + "\"") != std::string::npos)
    delimiter += "_";
  return delimiter;
}

/// One member of a generated struct: an argument name with its first type.
struct Field {
  std::string name;
  std::string member;
  TensorSpec type;
};

/// The arguments of one kind across every entry, each name once: the members
/// of `Parameters` (loom.param) or `State` (loom.state).
struct Group {
  ArgumentKind kind;
  std::string typeName;
  std::string variable;
  std::vector<Field> fields;

  const Field *fieldOf(const ArgumentInfo &argument) const {
    for (const Field &field : fields)
      if (field.name == argument.name && field.type.shape == argument.type.shape &&
          field.type.dtype == argument.type.dtype)
        return &field;
    return nullptr;
  }
};

Group groupOf(const ArtifactInfo &info, ArgumentKind kind, std::string typeName,
              std::string variable) {
  Group group{kind, std::move(typeName), std::move(variable), {}};
  Names names;
  for (const Signature &signature : info.signatures)
    for (const ArgumentInfo &argument : signature.arguments)
      if (argument.kind == kind &&
          std::none_of(group.fields.begin(), group.fields.end(),
                       [&](const Field &field) { return field.name == argument.name; }))
        group.fields.push_back({argument.name, names.take(argument.name), argument.type});
  return group;
}

std::string specText(const TensorSpec &type) {
  return fmt::format("{{{{{}}}, loom::DType::{}}}", fmt::join(type.shape, ", "),
                     dtypeEnumerator(type.dtype));
}

/// The struct of `group`, with `load` (and for state, `zeros`).
std::string formatGroup(const Group &group, std::string_view description) {
  std::string out = fmt::format("\n/// {}\nstruct {} {{\n", description,
                                group.typeName);
  for (const Field &field : group.fields)
    out += fmt::format("  loom::Tensor {}; ///< \"{}\" {}\n", field.member,
                       escaped(field.name), shapeText(field.type));
  out += R"(
  /// Reads `<directory>/<name>.npy` for every member; a missing file or
  /// another shape or dtype is an error.
  static loom::Expected<)" + group.typeName + R"(> load(const std::string &directory) {
)";
  std::vector<std::string> loaded;
  for (size_t i = 0; i < group.fields.size(); ++i) {
    out += fmt::format("    auto t{0} = loom::readParameterFile(directory, "
                       "\"{1}\", {2});\n    if (!t{0})\n      return t{0}.error();\n",
                       i, escaped(group.fields[i].name),
                       specText(group.fields[i].type));
    loaded.push_back(fmt::format("*t{}", i));
  }
  out += fmt::format("    return {}{{{}}};\n  }}\n", group.typeName,
                     fmt::join(loaded, ", "));
  if (group.kind == ArgumentKind::State) {
    std::vector<std::string> zeros;
    for (const Field &field : group.fields)
      zeros.push_back(fmt::format("loom::Tensor::zeros({{{}}}, loom::DType::{})",
                                  fmt::join(field.type.shape, ", "),
                                  dtypeEnumerator(field.type.dtype)));
    out += fmt::format("\n  /// Zeros: the state before the first step.\n"
                       "  static {0} zeros() {{\n    return {0}{{{1}}};\n  }}\n",
                       group.typeName, fmt::join(zeros, ",\n        "));
  }
  return out + "};\n";
}

} // namespace

bool isArtifactName(const std::string &name) {
  return !name.empty() && identifier(name) == name;
}

std::vector<std::string> aheadOfTimeSymbols(const ArtifactInfo &info,
                                            const std::string &name) {
  std::vector<std::string> symbols;
  Names names;
  for (const Signature &signature : info.signatures)
    symbols.push_back("loom_" + name + "_" + names.take(signature.entry));
  return symbols;
}

std::string formatAheadOfTimeHeader(const ArtifactInfo &info,
                                    const std::string &name,
                                    const std::string &manifest) {
  std::vector<std::string> symbols = aheadOfTimeSymbols(info, name);
  std::string guard = "LOOM_AOT_" + name + "_H";
  std::transform(guard.begin(), guard.end(), guard.begin(),
                 [](unsigned char c) { return std::toupper(c); });

  std::string out = fmt::format(
      R"(// {0}.h: the ahead-of-time compiled module '{0}', generated by Loom
// (loomc --emit=artifact); do not edit. Machine code for CPU '{1}' on {2}
// thread(s). Link {0}.o and Loom::Runtime (libLoomRuntime.so){3}; no MLIR or
// LLVM library is needed.
//
// Every function checks its arguments' shapes and dtypes and reports a wrong
// one, as every failure, as a loom::Error value; all may be called from
// several threads at once (an in-place entry's tied tensors must then differ
// between the calls).
#ifndef {4}
#define {4}

#include "loom/Runtime/AheadOfTime.h"

#include <cstddef>
#include <string>
#include <vector>

extern "C" {{
)",
      name, info.targetCPU, info.threads,
      info.threads > 1 ? " and libomp" : "", guard);
  for (const std::string &symbol : symbols)
    out += "void " + symbol + "(void **arguments);\n";
  std::string delimiter = rawDelimiter(manifest);
  out += fmt::format(R"(}}

namespace {0} {{

/// The manifest the object was written with (loom/Runtime/Artifact.h).
inline constexpr const char kManifest[] = R"{1}({2}){1}";

/// The linked code, checked against the manifest on first use.
inline const loom::Expected<loom::Executable> &executable() {{
  static const loom::Expected<loom::Executable> linked =
      loom::linkedExecutable(kManifest, {{
)",
                     name, delimiter, manifest);
  for (size_t i = 0; i < symbols.size(); ++i)
    out += fmt::format("          {{\"{}\", &{}}},\n", escaped(info.signatures[i].entry),
                       symbols[i]);
  out += "      });\n  return linked;\n}\n\n";

  std::vector<Group> groups = {
      groupOf(info, ArgumentKind::Parameter, "Parameters", "parameters"),
      groupOf(info, ArgumentKind::State, "State", "state")};
  if (!groups[0].fields.empty())
    out += formatGroup(groups[0], "Every parameter of the module, by name.");
  if (!groups[1].fields.empty())
    out += formatGroup(groups[1], "Every optimizer state tensor, by name.");

  for (const Signature &signature : info.signatures) {
    std::vector<bool> tied(signature.arguments.size(), false);
    for (const ResultInfo &result : signature.results)
      if (result.tiedTo && *result.tiedTo < tied.size())
        tied[*result.tiedTo] = true;
    bool inPlace = std::find(tied.begin(), tied.end(), true) != tied.end();

    Names argumentNames;
    std::vector<std::string> names, declarations;
    std::string doc = fmt::format("\n/// @{}{}\n", escaped(signature.entry),
                                  inPlace ? ": updates the tensors marked "
                                            "'updated' in place and returns "
                                            "the other results"
                                          : "");
    for (size_t i = 0; i < signature.arguments.size(); ++i) {
      const ArgumentInfo &argument = signature.arguments[i];
      names.push_back(argumentNames.take(argument.name));
      declarations.push_back(
          fmt::format("{}loom::Tensor &{}", tied[i] ? "" : "const ", names[i]));
      doc += fmt::format("///   {} {} \"{}\" {}{}\n", names.back(),
                         argumentKindName(argument.kind), escaped(argument.name),
                         shapeText(argument.type), tied[i] ? ", updated" : "");
    }
    doc += "/// returns\n";
    size_t returned = 0;
    for (const ResultInfo &result : signature.results)
      if (!inPlace || !result.tiedTo)
        doc += fmt::format("///   #{} \"{}\" {}\n", returned++,
                           escaped(result.name), shapeText(result.type));

    std::string entryName = Names().take(signature.entry);
    out += doc;
    out += fmt::format("/// Where @{}'s results are in what it returns.\n"
                       "namespace {}_results {{\n",
                       escaped(signature.entry), entryName);
    Names resultNames;
    returned = 0;
    for (const ResultInfo &result : signature.results)
      if (!inPlace || !result.tiedTo)
        out += fmt::format("inline constexpr std::size_t {} = {};\n",
                           resultNames.take(result.name), returned++);
    out += fmt::format("}} // namespace {}_results\n", entryName);
    out += fmt::format(
        "inline loom::Expected<std::vector<loom::Tensor>>\n{}({}) {{\n"
        "  return loom::runLinked(executable(), \"{}\", {{{}}},\n"
        "                         /*inPlace=*/{});\n}}\n",
        entryName, fmt::join(declarations, ", "), escaped(signature.entry),
        fmt::join(names, ", "), inPlace ? "true" : "false");

    // The same, taking the parameters and state from their structs.
    std::vector<std::string> shortDeclarations, callArguments;
    std::vector<bool> groupUsed(groups.size(), false), groupUpdated(groups.size(), false);
    bool complete = true;
    for (size_t i = 0; i < signature.arguments.size(); ++i) {
      const ArgumentInfo &argument = signature.arguments[i];
      auto group = std::find_if(groups.begin(), groups.end(), [&](const Group &g) {
        return g.kind == argument.kind;
      });
      if (group == groups.end()) {
        shortDeclarations.push_back(declarations[i]);
        callArguments.push_back(names[i]);
        continue;
      }
      const Field *field = group->fieldOf(argument);
      if (!field) {
        complete = false;
        break;
      }
      size_t index = group - groups.begin();
      groupUsed[index] = true;
      groupUpdated[index] = groupUpdated[index] || tied[i];
      callArguments.push_back(group->variable + "." + field->member);
    }
    if (!complete || std::find(groupUsed.begin(), groupUsed.end(), true) == groupUsed.end())
      continue;
    for (size_t g = 0; g < groups.size(); ++g)
      if (groupUsed[g])
        shortDeclarations.push_back(fmt::format("{}{} &{}",
                                                groupUpdated[g] ? "" : "const ",
                                                groups[g].typeName,
                                                groups[g].variable));
    out += fmt::format(
        "/// The same, with the members of its structs.\n"
        "inline loom::Expected<std::vector<loom::Tensor>>\n{}({}) {{\n"
        "  return {}({});\n}}\n",
        entryName, fmt::join(shortDeclarations, ", "), entryName,
        fmt::join(callArguments, ", "));
  }
  out += fmt::format("\n}} // namespace {}\n\n#endif\n", name);
  return out;
}

} // namespace loom::detail
