#include "context/walker.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "util/error.h"

namespace ballast::context {

namespace {

// The kernel's struct linux_dirent64, read with getdents64 (glibc's readdir
// adds a copy and a DIR allocation per directory).
struct LinuxDirent64 {
  std::uint64_t d_ino;
  std::int64_t d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[];
};

struct Child {
  std::uint32_t name_offset;
  std::uint32_t name_len;
  unsigned char d_type;
};

class Walker {
 public:
  Walker(const Matcher& matcher, ContextTree& out, Engine engine)
      : matcher_(matcher), out_(out), legacy_(engine == Engine::kDocker20), nrules_(matcher.rules().size()), euid_(geteuid()) {}

  void walk(int dirfd, std::int32_t dir_index, std::size_t depth, bool pruned, std::int32_t pruned_by);

 private:
  // Below a pruned directory the builder never looks: nothing to warn about
  // there (the bytes measured are then a lower bound).
  void warn(std::string message, bool excluded) {
    if (in_pruned_) return;
    out_.warnings.push_back({path_, std::move(message), !excluded});
  }
  bool readable(const struct stat& st) const {
    if (euid_ == 0) return true;
    if (st.st_uid == euid_) return st.st_mode & S_IRUSR;
    if (st.st_gid == getegid()) return st.st_mode & S_IRGRP;
    return st.st_mode & S_IROTH;
  }
  std::uint8_t* info(std::size_t depth) {
    if (info_.size() < (depth + 1) * nrules_) info_.resize((depth + 1) * nrules_ * 2);
    return info_.data() + depth * nrules_;
  }

  const Matcher& matcher_;
  ContextTree& out_;
  bool legacy_;
  bool in_pruned_ = false;
  std::size_t nrules_;
  uid_t euid_;
  std::string path_;
  std::vector<std::uint8_t> info_;
  // One getdents64 buffer for the whole walk: a directory is read completely
  // before any child is visited.
  std::vector<char> dirent_buf_ = std::vector<char>(64 * 1024);
};

void Walker::walk(int dirfd, std::int32_t dir_index, std::size_t depth, bool pruned, std::int32_t pruned_by) {
  // Read the whole directory first so the fd count stays one per level.
  std::string names;  // NUL-terminated names, back to back
  std::vector<Child> children;
  char* buf = dirent_buf_.data();
  for (;;) {
    long n = syscall(SYS_getdents64, dirfd, buf, dirent_buf_.size());
    if (n < 0) {
      warn(std::string("cannot read directory: ") + std::strerror(errno),
           dir_index >= 0 && out_.entries[dir_index].excluded);
      break;
    }
    if (n == 0) break;
    for (long off = 0; off < n;) {
      auto* d = reinterpret_cast<LinuxDirent64*>(buf + off);
      off += d->d_reclen;
      std::size_t len = std::strlen(d->d_name);
      if ((len == 1 && d->d_name[0] == '.') || (len == 2 && d->d_name[0] == '.' && d->d_name[1] == '.')) continue;
      children.push_back({static_cast<std::uint32_t>(names.size()), static_cast<std::uint32_t>(len), d->d_type});
      names.append(d->d_name, len + 1);
    }
  }

  const std::size_t base_len = path_.size();
  for (const Child& c : children) {
    const char* name = names.data() + c.name_offset;
    if (base_len) path_ += '/';
    path_.append(name, c.name_len);

    Entry e;
    e.parent = dir_index;
    unsigned char type = c.d_type;
    struct stat st;
    bool have_stat = false;
    if (type == DT_UNKNOWN || type == DT_REG) {
      if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
        have_stat = true;
        type = S_ISREG(st.st_mode) ? DT_REG : S_ISDIR(st.st_mode) ? DT_DIR : S_ISLNK(st.st_mode) ? DT_LNK : DT_FIFO;
      } else {
        type = DT_UNKNOWN;
      }
    }
    switch (type) {
      case DT_REG: e.type = EntryType::kFile; e.size = static_cast<std::uint64_t>(st.st_size); break;
      case DT_DIR: e.type = EntryType::kDir; break;
      case DT_LNK: e.type = EntryType::kSymlink; break;
      default: e.type = EntryType::kOther; break;
    }

    std::uint8_t* mine = nullptr;
    if (pruned) {
      e.excluded = true;
      e.pruned = true;
      e.decided_by = pruned_by;
    } else if (nrules_ > 0 && legacy_) {
      MatchResult r = matcher_.matches_or_parent_matches(path_);
      e.excluded = r.excluded;
      e.decided_by = r.decided_by;
    } else if (nrules_ > 0) {
      info(depth);  // grow first: the pointers below stay valid
      const std::uint8_t* parent = depth == 0 ? nullptr : info(depth - 1);
      mine = info(depth);  // info() may have grown the buffer
      MatchResult r = matcher_.match_with_parent(path_, parent, mine);
      e.excluded = r.excluded;
      e.decided_by = r.decided_by;
    }
    if (type == DT_UNKNOWN) warn(std::string("cannot stat: ") + std::strerror(errno), e.excluded);
    if (have_stat && e.type == EntryType::kFile && !readable(st)) warn("file is not readable", e.excluded);

    e.path_offset = out_.arena.size();
    e.path_len = static_cast<std::uint32_t>(path_.size());
    out_.arena += path_;
    const auto index = static_cast<std::int32_t>(out_.entries.size());
    out_.entries.push_back(e);

    if (e.type == EntryType::kDir) {
      bool child_pruned =
          e.excluded && (pruned || (legacy_ ? matcher_.can_skip_excluded_dir_legacy(path_)
                                            : matcher_.can_skip_excluded_dir(path_)));
      in_pruned_ = child_pruned;
      int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (fd < 0) {
        warn(std::string("cannot open directory: ") + std::strerror(errno), e.excluded);
      } else {
        walk(fd, index, depth + 1, child_pruned, e.decided_by);
        close(fd);
      }
      in_pruned_ = pruned;
    }
    path_.resize(base_len);
  }
}

}  // namespace

ContextTree walk_context(const std::string& root, const Matcher& matcher, Engine engine) {
  ContextTree tree;
  tree.root = root;
  int fd = open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw InputError("cannot open context directory " + root + ": " + std::strerror(errno));
  Walker walker(matcher, tree, engine);
  walker.walk(fd, -1, 0, false, -1);
  close(fd);
  // What the builder sends: included entries, plus every directory on the way
  // to something included (fsutil emits the parents of an included path).
  for (std::size_t i = tree.entries.size(); i-- > 0;) {
    Entry& e = tree.entries[i];
    if (!e.excluded) e.sent = true;
    if (e.sent && e.parent >= 0) tree.entries[e.parent].sent = true;
  }
  return tree;
}

}  // namespace ballast::context
