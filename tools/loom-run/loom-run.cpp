//===- loom-run.cpp - Run an entry of a saved artifact ---------------------===//
//
// Loads an artifact saved by `loomc --save-artifact` and runs one entry, with
// LoomRuntime alone: this program links no MLIR or LLVM library, as an
// embedder's program would.
//
//   loom-run DIR [--entry=NAME] [--inputs=a.npy,b.npy] [--outputs=OUTDIR]
//                [--seed=N]
//
// Parameters are initialized from their loom.init with --seed (default 0);
// every other argument is read, in order, from --inputs. Each result is
// printed under its name as its type and, up to 64 elements, its values;
// --outputs also writes it as OUTDIR/<result name>.npy. Errors go to stderr as
// `loom-run: error (<kind>): <message>` with a non-zero exit status.
//
//===----------------------------------------------------------------------===//
#include "loom/Runtime/Artifact.h"
#include "loom/Runtime/Npy.h"
#include "loom/Runtime/Parameters.h"

#include <cstdio>
#include <filesystem>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

int fail(const loom::Error &error) {
  std::fprintf(stderr, "loom-run: error (%s): %s\n",
               std::string(loom::errorKindName(error.kind())).c_str(),
               error.what());
  return 1;
}

int usage(const std::string &problem) {
  std::fprintf(stderr,
               "loom-run: %s\nusage: loom-run DIR [--entry=NAME] "
               "[--inputs=a.npy,b.npy] [--outputs=OUTDIR] [--seed=N]\n",
               problem.c_str());
  return 2;
}

std::vector<std::string> splitCommas(std::string_view text) {
  std::vector<std::string> parts;
  while (!text.empty()) {
    size_t comma = text.find(',');
    parts.emplace_back(text.substr(0, comma));
    if (comma == std::string_view::npos)
      break;
    text.remove_prefix(comma + 1);
  }
  return parts;
}

/// `result #N name: type` as loomc prints it; an unnamed result ("result<N>")
/// is `result #N: type`.
void print(size_t index, const std::string &name, const loom::Tensor &tensor) {
  bool named = name != "result" + std::to_string(index);
  std::printf("result #%zu%s%s: %s\n", index, named ? " " : "",
              named ? name.c_str() : "", tensor.typeString().c_str());
  if (tensor.numElements() > 64)
    return;
  std::printf("  values: [");
  for (int64_t i = 0; i < tensor.numElements(); ++i)
    std::printf("%s%.6g", i ? ", " : "", tensor.elementAsDouble(i));
  std::printf("]\n");
}

int run(int argc, char **argv) {
  std::string directory, entry, outputs;
  std::vector<std::string> inputs;
  uint64_t seed = 0;
  for (int i = 1; i < argc; ++i) {
    std::string_view argument = argv[i];
    auto value = [&](std::string_view flag) -> std::optional<std::string> {
      if (argument.substr(0, flag.size()) != flag)
        return std::nullopt;
      return std::string(argument.substr(flag.size()));
    };
    if (auto name = value("--entry="))
      entry = *name;
    else if (auto list = value("--inputs="))
      inputs = splitCommas(*list);
    else if (auto dir = value("--outputs="))
      outputs = *dir;
    else if (auto number = value("--seed=")) {
      char *end = nullptr;
      seed = std::strtoull(number->c_str(), &end, 10);
      if (number->empty() || *end)
        return usage("--seed needs a non-negative integer, got '" + *number +
                     "'");
    } else if (argument.substr(0, 2) == "--" || !directory.empty())
      return usage("unexpected argument '" + std::string(argument) + "'");
    else
      directory = argument;
  }
  if (directory.empty())
    return usage("give the artifact directory");

  loom::Expected<loom::Executable> executable = loom::loadArtifact(directory);
  if (!executable)
    return fail(executable.error());
  if (entry.empty())
    entry = executable->entryNames().front();
  const loom::Signature *signature = executable->signature(entry);
  if (!signature)
    return fail(loom::Error(loom::ErrorKind::InvalidArgument,
                            "the artifact has no entry '" + entry + "'"));
  loom::Expected<std::vector<loom::Tensor>> parameters =
      executable->initialParameters(entry, seed);
  if (!parameters)
    return fail(parameters.error());

  std::vector<loom::Tensor> args;
  size_t nextParameter = 0, nextInput = 0;
  for (const loom::ArgumentInfo &argument : signature->arguments) {
    if (argument.kind == loom::ArgumentKind::Parameter) {
      args.push_back((*parameters)[nextParameter++]);
      continue;
    }
    if (nextInput == inputs.size())
      return fail(loom::Error(loom::ErrorKind::InvalidArgument,
                              "'" + entry + "' takes more inputs than the " +
                                  std::to_string(inputs.size()) +
                                  " given (next: '" + argument.name + "')"));
    loom::Expected<loom::Tensor> input = loom::readNpy(inputs[nextInput++]);
    if (!input)
      return fail(input.error());
    args.push_back(std::move(*input));
  }
  if (nextInput != inputs.size())
    return fail(loom::Error(loom::ErrorKind::InvalidArgument,
                            "'" + entry + "' takes " +
                                std::to_string(nextInput) + " inputs, got " +
                                std::to_string(inputs.size())));

  loom::Expected<std::vector<loom::Tensor>> results =
      executable->run(entry, args);
  if (!results)
    return fail(results.error());
  if (!outputs.empty()) {
    std::error_code failure;
    std::filesystem::create_directories(outputs, failure);
    if (failure)
      return fail(loom::Error(loom::ErrorKind::IO, "cannot create '" + outputs +
                                                       "': " + failure.message()));
  }
  const std::vector<loom::ResultInfo> &described =
      executable->signature(entry)->results;
  for (size_t i = 0; i < results->size(); ++i) {
    print(i, described[i].name, (*results)[i]);
    if (outputs.empty())
      continue;
    loom::Expected<std::string> path =
        loom::tensorFile(outputs, described[i].name);
    if (!path)
      return fail(path.error());
    if (loom::Expected<void> written = loom::writeNpy(*path, (*results)[i]);
        !written)
      return fail(written.error());
  }
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  // loom::Tensor throws when the system refuses an allocation.
  try {
    return run(argc, argv);
  } catch (const loom::Error &error) {
    return fail(error);
  }
}
