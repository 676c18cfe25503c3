//===- CompileCache.cpp - Compiled modules on disk, by content ------------===//
#include "CompileCache.h"

#include "loom/Runtime/Artifact.h"
#include "loom/Runtime/Files.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/BLAKE3.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <dlfcn.h>
#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace loom::detail {
namespace {

constexpr const char *kChecksumFile = "checksum.txt";
constexpr const char *kTemporaryPrefix = "tmp-";
/// A `tmp-*` directory this old belongs to no live store.
constexpr std::chrono::hours kAbandonedAfter(1);

/// The build id note of the loaded object that holds `address`.
struct BuildIdSearch {
  const void *address;
  std::string id;
};

int findBuildId(dl_phdr_info *object, size_t, void *data) {
  auto *search = static_cast<BuildIdSearch *>(data);
  auto address = reinterpret_cast<ElfW(Addr)>(search->address);
  bool contains = false;
  for (ElfW(Half) i = 0; i < object->dlpi_phnum; ++i) {
    const ElfW(Phdr) &segment = object->dlpi_phdr[i];
    ElfW(Addr) start = object->dlpi_addr + segment.p_vaddr;
    if (segment.p_type == PT_LOAD && address >= start &&
        address < start + segment.p_memsz)
      contains = true;
  }
  if (!contains)
    return 0;
  for (ElfW(Half) i = 0; i < object->dlpi_phnum; ++i) {
    const ElfW(Phdr) &segment = object->dlpi_phdr[i];
    if (segment.p_type != PT_NOTE)
      continue;
    const char *note =
        reinterpret_cast<const char *>(object->dlpi_addr + segment.p_vaddr);
    const char *end = note + segment.p_memsz;
    while (note + sizeof(ElfW(Nhdr)) <= end) {
      const auto *header = reinterpret_cast<const ElfW(Nhdr) *>(note);
      const char *name = note + sizeof(ElfW(Nhdr));
      const char *descriptor = name + ((header->n_namesz + 3) & ~3u);
      if (header->n_type == NT_GNU_BUILD_ID && header->n_namesz == 4 &&
          std::memcmp(name, "GNU", 4) == 0 &&
          descriptor + header->n_descsz <= end)
        search->id = llvm::toHex(
            llvm::ArrayRef(reinterpret_cast<const uint8_t *>(descriptor),
                           header->n_descsz),
            /*LowerCase=*/true);
      note = descriptor + ((header->n_descsz + 3) & ~3u);
    }
  }
  return 1;
}

std::string hashOf(std::string_view bytes) {
  return llvm::toHex(llvm::BLAKE3::hash(llvm::ArrayRef(
                         reinterpret_cast<const uint8_t *>(bytes.data()),
                         bytes.size())),
                     /*LowerCase=*/true);
}

/// "manifest <hash>\nlibrary <hash>\n" of the artifact in `directory`, or
/// none when a file is missing.
std::optional<std::string> checksumOf(const std::string &directory) {
  Expected<std::string> manifest =
      readFile(directory + "/" + kArtifactManifestFile);
  if (!manifest)
    return std::nullopt;
  Expected<ArtifactInfo> info = parseManifest(*manifest, kArtifactManifestFile);
  if (!info)
    return std::nullopt;
  Expected<std::string> library = readFile(directory + "/" + info->library);
  if (!library)
    return std::nullopt;
  return "manifest " + hashOf(*manifest) + "\nlibrary " + hashOf(*library) +
         "\n";
}

uint64_t directorySize(const std::string &directory) {
  uint64_t size = 0;
  std::error_code error;
  for (llvm::sys::fs::directory_iterator file(directory, error), end;
       !error && file != end; file.increment(error))
    if (llvm::ErrorOr<llvm::sys::fs::basic_file_status> status = file->status())
      size += status->getSize();
  return size;
}

} // namespace

const std::string &compilerBuildId() {
  static const std::string id = [] {
    BuildIdSearch search{reinterpret_cast<const void *>(&findBuildId), {}};
    dl_iterate_phdr(findBuildId, &search);
    return search.id;
  }();
  return id;
}

std::string cacheRoot(const std::string &directory) {
  if (!directory.empty())
    return directory;
  if (const char *explicitRoot = std::getenv("LOOM_CACHE_DIR");
      explicitRoot && *explicitRoot)
    return explicitRoot;
  if (const char *xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
    return std::string(xdg) + "/loom";
  if (const char *home = std::getenv("HOME"); home && *home)
    return std::string(home) + "/.cache/loom";
  return "";
}

std::string CompileCache::keyOf(std::string_view material) {
  return hashOf(material);
}

std::string CompileCache::entryPath(const std::string &key) const {
  return root + "/" + key;
}

void CompileCache::remove(const std::string &path) const {
  llvm::SmallString<128> trash;
  if (llvm::sys::fs::createUniqueDirectory(root + "/" + kTemporaryPrefix,
                                           trash))
    return;
  std::string moved = trash.str().str() + "/entry";
  if (!llvm::sys::fs::rename(path, moved))
    llvm::sys::fs::remove_directories(moved);
  llvm::sys::fs::remove_directories(trash);
}

std::optional<Executable> CompileCache::load(const std::string &key) {
  std::string entry = entryPath(key);
  if (!llvm::sys::fs::is_directory(entry))
    return std::nullopt;
  std::string checksumPath = entry + "/" + kChecksumFile;
  Expected<std::string> recorded = readFile(checksumPath);
  std::optional<std::string> actual = checksumOf(entry);
  if (!recorded || !actual || *recorded != *actual) {
    remove(entry);
    return std::nullopt;
  }
  Expected<Executable> executable = loadArtifact(entry);
  if (!executable) {
    remove(entry);
    return std::nullopt;
  }
  // The checksum file's time is the entry's last use, for eviction.
  utimensat(AT_FDCWD, checksumPath.c_str(), nullptr, 0);
  return std::move(*executable);
}

Expected<Executable> CompileCache::store(
    const std::string &key,
    const std::function<Expected<void>(const std::string &)> &save) {
  if (std::error_code error = llvm::sys::fs::create_directories(root))
    return Error(ErrorKind::IO, "cannot create the compile cache '" + root +
                                    "': " + error.message());
  llvm::SmallString<128> staging;
  if (std::error_code error = llvm::sys::fs::createUniqueDirectory(
          root + "/" + kTemporaryPrefix, staging))
    return Error(ErrorKind::IO, "cannot create a directory in the compile "
                                "cache '" + root + "': " + error.message());
  std::string stagingPath = staging.str().str();
  auto discard = [&] { llvm::sys::fs::remove_directories(stagingPath); };
  Expected<void> saved = save(stagingPath);
  if (!saved) {
    discard();
    return saved.error();
  }
  std::optional<std::string> checksum = checksumOf(stagingPath);
  Expected<void> written =
      checksum ? writeFileAtomically(stagingPath + "/" + kChecksumFile,
                                     *checksum)
               : Expected<void>(Error(ErrorKind::IO,
                                      "the saved artifact is incomplete"));
  if (!written) {
    discard();
    return written.error();
  }
  // Another process may have stored the same key first: then its entry is
  // used and this one dropped.
  if (llvm::sys::fs::rename(stagingPath, entryPath(key)))
    discard();
  std::optional<Executable> executable = load(key);
  if (!executable)
    return Error(ErrorKind::IO, "cannot load the compile cache's entry '" +
                                    entryPath(key) + "'");
  evict(key);
  return std::move(*executable);
}

void CompileCache::evict(const std::string &keep) const {
  struct Entry {
    std::string path;
    uint64_t bytes;
    llvm::sys::TimePoint<> used;
  };
  std::vector<Entry> entries;
  uint64_t total = 0;
  std::error_code error;
  for (llvm::sys::fs::directory_iterator item(root, error), end;
       !error && item != end; item.increment(error)) {
    llvm::StringRef name = llvm::sys::path::filename(item->path());
    if (name.starts_with(kTemporaryPrefix)) {
      // Left by a process that died while storing or removing an entry.
      llvm::sys::fs::file_status status;
      if (!llvm::sys::fs::status(item->path(), status) &&
          std::chrono::system_clock::now() - status.getLastModificationTime() >
              kAbandonedAfter)
        llvm::sys::fs::remove_directories(item->path());
      continue;
    }
    if (name == keep)
      continue;
    llvm::sys::fs::file_status status;
    if (llvm::sys::fs::status(item->path() + "/" + kChecksumFile, status))
      continue;
    uint64_t bytes = directorySize(item->path());
    total += bytes;
    entries.push_back({item->path(), bytes, status.getLastModificationTime()});
  }
  total += directorySize(entryPath(keep));
  std::sort(entries.begin(), entries.end(),
            [](const Entry &a, const Entry &b) { return a.used < b.used; });
  for (const Entry &entry : entries) {
    if (total <= limitBytes)
      break;
    remove(entry.path);
    total -= entry.bytes;
  }
}

} // namespace loom::detail
