#include "image/directory_layer.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "image/entry_name.h"
#include "util/error.h"

namespace ballast::image {
namespace {

class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(Fd&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
  Fd& operator=(Fd&& o) noexcept {
    if (this != &o) {
      reset();
      fd_ = std::exchange(o.fd_, -1);
    }
    return *this;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

std::string errno_text() { return std::strerror(errno); }

// Byte order, as Go's os.ReadDir sorts before filepath.Walk visits.
std::vector<std::string> sorted_names(int dirfd, const std::string& where) {
  int dup = ::dup(dirfd);
  if (dup < 0) throw InputError(where + ": " + errno_text());
  DIR* d = ::fdopendir(dup);
  if (!d) {
    ::close(dup);
    throw InputError(where + ": " + errno_text());
  }
  std::vector<std::string> names;
  errno = 0;
  while (struct dirent* e = ::readdir(d)) {
    if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0) continue;
    names.emplace_back(e->d_name);
  }
  int err = errno;
  ::closedir(d);
  if (err != 0) throw InputError(where + ": " + std::strerror(err));
  std::sort(names.begin(), names.end());
  return names;
}

bool is_opaque(int dirfd, const std::string& name) {
  // Through /proc/self/fd so the name is looked up under its parent only.
  std::string at = "/proc/self/fd/" + std::to_string(dirfd) + "/" + name;
  char value[4] = {};
  ssize_t n = ::lgetxattr(at.c_str(), "trusted.overlay.opaque", value, sizeof value);
  return n == 1 && value[0] == 'y';
}

struct Walk {
  const std::string& name;
  const LayerReadOptions& options;
  LayerReadResult& result;
  XXH3_state_t* xxh = nullptr;
  std::map<std::pair<dev_t, ino_t>, std::string> first_link;  // inodes with st_nlink > 1

  void add(TarEntry entry, const std::string& path, std::string_view link = {}) {
    LayerTable& table = result.table;
    if (entry.type == EntryType::kSymlink || entry.type == EntryType::kHardlink) {
      entry.link_offset = table.add_string(link);
      entry.link_length = static_cast<std::uint32_t>(link.size());
    }
    entry.path_offset = table.add_string(path);
    entry.path_length = static_cast<std::uint32_t>(path.size());
    table.entries().push_back(entry);
  }

  // A regular file's contents: hashed, and kept when the analysis asks.
  void read_file(int dirfd, const std::string& base, const std::string& path, TarEntry& entry) {
    const bool capture = options.capture && options.capture(path, entry.size);
    if (!capture && (!options.hash_contents || entry.size == 0)) return;
    Fd fd(::openat(dirfd, base.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
    if (fd.get() < 0) throw InputError(name + ": " + path + ": " + errno_text());
    std::string kept;
    if (capture) kept.reserve(static_cast<std::size_t>(entry.size));
    XXH3_64bits_reset(xxh);
    unsigned char buf[1 << 16];
    std::uint64_t total = 0;
    for (;;) {
      ssize_t n = ::read(fd.get(), buf, sizeof buf);
      if (n < 0) {
        if (errno == EINTR) continue;
        throw InputError(name + ": " + path + ": " + errno_text());
      }
      if (n == 0) break;
      total += static_cast<std::uint64_t>(n);
      XXH3_64bits_update(xxh, buf, static_cast<std::size_t>(n));
      if (capture) kept.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
    }
    if (total != entry.size)
      throw InputError(name + ": " + path + " changed while it was read (" + std::to_string(entry.size) +
                       " bytes, then " + std::to_string(total) + ")");
    entry.content_hash = XXH3_64bits_digest(xxh);
    entry.has_hash = true;
    if (capture)
      result.captured.emplace_back(static_cast<std::uint32_t>(result.table.entries().size()),
                                   std::move(kept));
  }

  // One directory's children, depth first; an explicit stack keeps a
  // hostile depth from exhausting the call stack.
  void run(Fd root) {
    struct Frame {
      Fd fd;
      std::string prefix;  // "" or "usr/lib/"
      std::vector<std::string> names;
      std::size_t next = 0;
    };
    std::vector<Frame> stack;
    stack.push_back({std::move(root), "", {}, 0});
    stack.back().names = sorted_names(stack.back().fd.get(), name);
    while (!stack.empty()) {
      Frame& top = stack.back();
      if (top.next == top.names.size()) {
        stack.pop_back();
        continue;
      }
      const std::string base = top.names[top.next++];
      const std::string path = top.prefix + base;
      const int dirfd = top.fd.get();
      struct stat st;
      if (::fstatat(dirfd, base.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0)
        throw InputError(name + ": " + path + ": " + errno_text());
      EntryName named = classify_entry_name(path);
      if (named.kind == EntryName::Kind::kSkip) continue;
      TarEntry entry;
      entry.mode = static_cast<std::uint32_t>(st.st_mode & 07777);
      entry.uid = st.st_uid;
      entry.gid = st.st_gid;
      if (named.kind != EntryName::Kind::kPlain) {
        // A tar-style whiteout file kept in the directory means what it would in a tar.
        entry.type = named.kind == EntryName::Kind::kOpaque ? EntryType::kOpaque : EntryType::kWhiteout;
        add(entry, named.path);
        continue;
      }
      if (S_ISCHR(st.st_mode) && st.st_rdev == makedev(0, 0)) {
        // overlayfs: a 0/0 device hides the name below; the engine writes it
        // as an empty `.wh.NAME` of mode 0600 with the device's owner.
        entry.type = EntryType::kWhiteout;
        entry.mode = 0600;
        add(entry, path);
        continue;
      }
      if (S_ISSOCK(st.st_mode)) continue;
      if (S_ISDIR(st.st_mode)) {
        entry.type = EntryType::kDirectory;
        add(entry, path);
        if (is_opaque(dirfd, base)) {
          // The engine writes `.wh..wh..opq` with the directory's owner and permissions.
          TarEntry marker = entry;
          marker.mode &= 0777;
          marker.type = EntryType::kOpaque;
          add(marker, path);
        }
        Fd child(::openat(dirfd, base.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (child.get() < 0) throw InputError(name + ": " + path + ": " + errno_text());
        std::vector<std::string> names = sorted_names(child.get(), name + ": " + path);
        stack.push_back({std::move(child), path + "/", std::move(names), 0});
        continue;  // `top` may dangle after the push
      }
      if (S_ISLNK(st.st_mode)) {
        std::string target(static_cast<std::size_t>(st.st_size) + 1, '\0');
        ssize_t n = ::readlinkat(dirfd, base.c_str(), target.data(), target.size());
        if (n < 0) throw InputError(name + ": " + path + ": " + errno_text());
        target.resize(static_cast<std::size_t>(n));
        entry.type = EntryType::kSymlink;
        add(entry, path, target);
        continue;
      }
      if (S_ISREG(st.st_mode) && st.st_nlink > 1) {
        auto [it, first] = first_link.try_emplace({st.st_dev, st.st_ino}, path);
        if (!first) {
          entry.type = EntryType::kHardlink;
          add(entry, path, it->second);
          continue;
        }
      }
      if (S_ISREG(st.st_mode)) {
        entry.type = EntryType::kFile;
        entry.size = static_cast<std::uint64_t>(st.st_size);
        read_file(dirfd, base, path, entry);
      } else {
        entry.type = S_ISCHR(st.st_mode)   ? EntryType::kCharDevice
                     : S_ISBLK(st.st_mode) ? EntryType::kBlockDevice
                                           : EntryType::kFifo;
      }
      add(entry, path);
    }
  }
};

}  // namespace

LayerReadResult read_layer_directory(const std::string& dir, const std::string& name,
                                     const LayerReadOptions& options) {
  LayerReadResult result;
  result.compression = Compression::kNone;
  result.method = ReadMethod::kDirectory;
  Fd root(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (root.get() < 0) throw InputError(name + ": " + dir + ": " + errno_text());
  std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> xxh(XXH3_createState(), XXH3_freeState);
  Walk walk{name, options, result, xxh.get(), {}};
  walk.run(std::move(root));
  result.table.shrink_to_fit();
  return result;
}

}  // namespace ballast::image
