//===- Files.cpp - Reading and writing whole files ------------------------===//
#include "loom/Runtime/Files.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

namespace loom {
namespace {

/// Writes `bytes` to `stream` and returns the write error, if any, cleared
/// so that the stream's destructor does not abort on it.
std::string writeAll(llvm::raw_fd_ostream &stream, std::string_view bytes) {
  stream.write(bytes.data(), bytes.size());
  stream.flush();
  if (!stream.has_error())
    return "";
  std::string problem = stream.error().message();
  stream.clear_error();
  return problem;
}

} // namespace

Expected<std::string> readFile(const std::string &path, std::string_view what) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!buffer)
    return Error("cannot open " + (what.empty() ? "" : std::string(what) + " ") +
                 "'" + path + "': " + buffer.getError().message());
  return (*buffer)->getBuffer().str();
}

Expected<std::monostate> writeFileAtomically(const std::string &path,
                                             std::string_view bytes) {
  if (path == "-") {
    std::string problem = writeAll(llvm::outs(), bytes);
    if (!problem.empty())
      return Error("cannot write to stdout: " + problem);
    return std::monostate{};
  }
  // TempFile removes the file on a signal until it is kept or discarded.
  llvm::Expected<llvm::sys::fs::TempFile> temporary =
      llvm::sys::fs::TempFile::create(path + ".tmp-%%%%%%");
  if (!temporary)
    return Error("cannot create '" + path +
                 "': " + llvm::toString(temporary.takeError()));
  std::string problem;
  {
    llvm::raw_fd_ostream stream(temporary->FD, /*shouldClose=*/false);
    problem = writeAll(stream, bytes);
  }
  if (problem.empty()) {
    if (llvm::Error kept = temporary->keep(path))
      problem = llvm::toString(std::move(kept));
    else
      return std::monostate{};
  } else {
    llvm::consumeError(temporary->discard());
  }
  return Error("cannot write '" + path + "': " + problem);
}

} // namespace loom
