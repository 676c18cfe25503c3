//===- Files.cpp - Reading and writing whole files ------------------------===//
#include "loom/Runtime/Files.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace loom {
namespace {

std::string systemReason(int error) { return std::strerror(error); }

/// Writes all of `bytes` to `fd`; the system's reason on failure, else "".
std::string writeAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR)
        continue;
      return systemReason(errno);
    }
    bytes.remove_prefix(static_cast<size_t>(written));
  }
  return "";
}

/// Closes `fd` when the scope ends.
struct FileDescriptor {
  int fd;
  ~FileDescriptor() {
    if (fd >= 0)
      ::close(fd);
  }
};

} // namespace

Expected<std::string> readFile(const std::string &path, std::string_view what) {
  std::string prefix = "cannot open " +
                       (what.empty() ? "" : std::string(what) + " ") + "'" +
                       path + "': ";
  FileDescriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0)
    return Error(ErrorKind::IO, prefix + systemReason(errno));
  struct stat status;
  if (::fstat(file.fd, &status) != 0)
    return Error(ErrorKind::IO, prefix + systemReason(errno));
  if (S_ISDIR(status.st_mode))
    return Error(ErrorKind::IO, prefix + systemReason(EISDIR));
  std::string contents;
  if (S_ISREG(status.st_mode))
    contents.reserve(static_cast<size_t>(status.st_size));
  char chunk[1 << 16];
  while (true) {
    ssize_t count = ::read(file.fd, chunk, sizeof chunk);
    if (count < 0) {
      if (errno == EINTR)
        continue;
      return Error(ErrorKind::IO, prefix + systemReason(errno));
    }
    if (count == 0)
      return contents;
    contents.append(chunk, static_cast<size_t>(count));
  }
}

Expected<void> writeFileAtomically(const std::string &path,
                                   std::string_view bytes) {
  if (path == "-") {
    std::string problem = writeAll(STDOUT_FILENO, bytes);
    if (!problem.empty())
      return Error(ErrorKind::IO, "cannot write to stdout: " + problem);
    return {};
  }
  // Not mkstemp: its 0600 would outlive the rename. open(2) with 0666 gives
  // the mode a plain create would (the umask applies).
  std::string temporary;
  int fd = -1;
  std::random_device random;
  for (int attempt = 0; fd < 0 && attempt < 100; ++attempt) {
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, ".tmp-%06x", random() & 0xffffff);
    temporary = path + suffix;
    fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                0666);
    if (fd < 0 && errno != EEXIST)
      break;
  }
  if (fd < 0)
    return Error(ErrorKind::IO,
                 "cannot create '" + path + "': " + systemReason(errno));
  std::string problem = writeAll(fd, bytes);
  if (::close(fd) != 0 && problem.empty())
    problem = systemReason(errno);
  if (problem.empty() && ::rename(temporary.c_str(), path.c_str()) != 0)
    problem = systemReason(errno);
  if (problem.empty())
    return {};
  ::unlink(temporary.c_str());
  return Error(ErrorKind::IO, "cannot write '" + path + "': " + problem);
}

} // namespace loom
