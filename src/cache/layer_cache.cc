#include "cache/layer_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "cache/cache_location.h"
#include "cache/entry_codec.h"
#include "cache/entry_files.h"

namespace ballast::cache {
namespace fs = std::filesystem;

namespace {

std::string errno_text() { return std::strerror(errno); }

// A whole file, in a buffer that is not zero-filled first (an entry is
// tens of MB, read once).
struct FileBytes {
  std::unique_ptr<char[]> data;
  std::size_t size = 0;
  std::string_view view() const { return {data.get(), size}; }
};

// The whole file, or nullopt (missing, or unreadable: *error set). Read
// straight into a buffer sized by fstat, not through a bounce buffer; a
// file that grows meanwhile is read on, one that shrinks cut where it ends.
std::optional<FileBytes> read_file(const fs::path& path, std::string* error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno != ENOENT) *error = errno_text();
    return std::nullopt;
  }
  FileBytes out;
  struct stat st {};
  std::size_t capacity = 1 << 16;
  if (::fstat(fd, &st) == 0 && st.st_size > 0) capacity = static_cast<std::size_t>(st.st_size) + 1;
  out.data = std::make_unique_for_overwrite<char[]>(capacity);
  for (;;) {
    if (out.size == capacity) {
      auto bigger = std::make_unique_for_overwrite<char[]>(capacity * 2);
      std::memcpy(bigger.get(), out.data.get(), out.size);
      out.data = std::move(bigger);
      capacity *= 2;
    }
    ssize_t n = ::read(fd, out.data.get() + out.size, capacity - out.size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      *error = errno_text();
      ::close(fd);
      return std::nullopt;
    }
    if (n == 0) break;
    out.size += static_cast<std::size_t>(n);
  }
  ::close(fd);
  return out;
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

LayerCache::LayerCache(fs::path root, std::uint64_t max_size, Warn warn)
    : dir_(root.empty() ? root : layers_dir(root)), max_size_(max_size), warn_(std::move(warn)) {
  std::error_code ec;
  if (root.empty()) {
    this->warn("no cache folder (neither XDG_CACHE_HOME nor HOME is set); layers are read without a cache");
    return;
  }
  fs::create_directories(dir_, ec);
  if (ec || ::access(dir_.c_str(), R_OK | X_OK) != 0) {
    this->warn("cannot use " + dir_.string() + " (" + (ec ? ec.message() : errno_text()) +
               "); layers are read without a cache");
    return;
  }
  enabled_ = true;
  if (::access(dir_.c_str(), W_OK) != 0) {
    writable_ = false;
    this->warn("cannot write to " + dir_.string() + " (" + errno_text() + "); new layers are not cached");
  }
}

void LayerCache::warn(const std::string& message) {
  std::lock_guard lock(warn_mutex_);
  if (warn_) warn_(message);
}

std::optional<image::LayerReadResult> LayerCache::lookup(const LayerKey& key) {
  if (!enabled_) return std::nullopt;
  const std::string text = key_text(key);
  const fs::path path = dir_ / entry_name(text);
  std::string error;
  std::optional<FileBytes> bytes = read_file(path, &error);
  if (!bytes) {
    if (!error.empty()) warn("cannot read " + path.string() + " (" + error + "); layer read again");
    ++misses_;
    return std::nullopt;
  }
  std::string why;
  bool old_format = false;
  std::optional<image::LayerReadResult> result = decode_entry(bytes->view(), text, &why, &old_format);
  if (!result) {
    // An old format is expected after an upgrade (and is replaced quietly);
    // anything else is damage, never trusted.
    if (!old_format) {
      ++rejected_;
      warn("ignoring damaged entry " + path.string() + " (" + why + "); layer read again");
    }
    ++misses_;
    return std::nullopt;
  }
  // Least recently used is oldest mtime (entry_files.h); a failure only
  // makes this entry an earlier candidate for eviction.
  ::utimensat(AT_FDCWD, path.c_str(), nullptr, 0);
  ++hits_;
  return result;
}

void LayerCache::store(const LayerKey& key, const image::LayerReadResult& result) {
  if (!enabled_ || !writable_) return;
  const std::string text = key_text(key);
  const std::string name = entry_name(text);
  const fs::path final_path = dir_ / name;
  const fs::path temp = dir_ / temp_name(name);
  const std::string bytes = encode_entry(text, result);
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    if (writable_.exchange(false))
      warn("cannot write to " + dir_.string() + " (" + errno_text() + "); new layers are not cached");
    return;
  }
  // No fsync: after a crash a renamed entry may be short or empty, which the
  // checksum catches; a cache is not worth a disk flush per layer.
  bool ok = write_all(fd, bytes);
  std::string error = ok ? "" : errno_text();
  ok = (::close(fd) == 0) && ok;
  if (ok && ::rename(temp.c_str(), final_path.c_str()) != 0) {
    ok = false;
    error = errno_text();
  }
  if (!ok) {
    ::unlink(temp.c_str());
    if (writable_.exchange(false))
      warn("cannot write " + final_path.string() + " (" + (error.empty() ? "write failed" : error) +
           "); new layers are not cached");
    return;
  }
  ++stored_;
}

void LayerCache::trim() {
  if (!enabled_ || stored_ == 0) return;
  prune_entries(dir_, max_size_);
}

CacheStats LayerCache::stats() const { return {hits_, misses_, stored_, rejected_}; }

}  // namespace ballast::cache
