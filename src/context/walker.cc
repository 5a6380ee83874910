#include "context/walker.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <thread>
#include <type_traits>

#include "context/dir_read.h"
#include "context/dir_scan.h"
#include "util/error.h"
#include "util/limits.h"

namespace ballast::context {

namespace {

// Where the listings come from. Both give, per directory, the children in
// getdents64 order with their types settled, and open subdirectories.

// Serial: system calls as the walk goes; one fd and one listing per level.
class LiveSource {
 public:
  using Dir = int;
  RawListing list(int fd) {
    RawListing listing;
    reader_.read(fd, listing);
    for (RawChild& c : listing.children) reader_.settle(fd, listing, c);
    return listing;
  }
  // Returns -1 (errno set) when the directory cannot be opened.
  int open(int parent, const RawListing& listing, const RawChild& c) {
    return openat(parent, listing.name(c), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  }
  void close_dir(int fd) { close(fd); }
  void reserve(ContextTree&) {}

 private:
  DirReader reader_;
};

// Parallel: DirScan reads ahead on its threads; this waits for each listing.
class ScannedSource {
 public:
  using Dir = DirNode*;
  explicit ScannedSource(DirScan& scan) : scan_(scan) {}
  const RawListing& list(DirNode* node) {
    DirScan::wait(*node);
    return node->listing;
  }
  DirNode* open(DirNode*, const RawListing&, const RawChild& c) {
    if (c.sub == nullptr) {  // not reached: every settled DT_DIR child has a node
      errno = ENOENT;
      return nullptr;
    }
    DirScan::wait(*c.sub);
    if (c.sub->open_errno == 0) return c.sub;
    errno = c.sub->open_errno;
    return nullptr;
  }
  // The listing is consumed: its memory goes back to malloc for the tree.
  void close_dir(DirNode* node) {
    std::string().swap(node->listing.names);
    std::vector<RawChild>().swap(node->listing.children);
  }
  // Called when the tree is about to grow: once the scan is complete (it
  // usually is well before the tree fills up), allocate the tree once
  // instead of doubling (which copies and touches twice the memory).
  void reserve(ContextTree& tree) {
    std::size_t entries = 0, path_bytes = 0;
    if (reserved_ || !scan_.totals(&entries, &path_bytes)) return;
    reserved_ = true;
    tree.entries.reserve(entries);
    tree.arena.reserve(path_bytes);
  }

 private:
  DirScan& scan_;
  bool reserved_ = false;
};

template <class Source>
class Walker {
 public:
  using Dir = typename Source::Dir;
  Walker(Source& source, const Matcher& matcher, ContextTree& out, Engine engine, const WalkProgress& progress)
      : source_(source), matcher_(matcher), out_(out), progress_(progress), legacy_(engine == Engine::kDocker20),
        nrules_(matcher.rules().size()) {}

  void walk(Dir dir, std::int32_t dir_index, std::size_t depth, bool pruned, std::int32_t pruned_by);

 private:
  // Below a pruned directory the builder never looks: nothing to warn about
  // there (the bytes measured are then a lower bound).
  void warn(std::string message, bool excluded) {
    if (in_pruned_) return;
    out_.warnings.push_back({path_, std::move(message), !excluded});
  }
  // Per depth, one byte per rule: BuildKit's parent results, or for the 20.10
  // engine "some leading part of this directory's path matches the rule".
  std::uint8_t* info(std::size_t depth) {
    if (info_.size() < (depth + 1) * nrules_) info_.resize((depth + 1) * nrules_ * 2);
    return info_.data() + depth * nrules_;
  }
  static bool is_invalid(Dir d) {
    if constexpr (std::is_pointer_v<Dir>) return d == nullptr;
    else return d < 0;
  }

  Source& source_;
  const Matcher& matcher_;
  ContextTree& out_;
  const WalkProgress& progress_;
  bool legacy_;
  bool in_pruned_ = false;
  std::size_t nrules_;
  std::string path_;
  std::vector<std::uint8_t> info_;
};

template <class Source>
void Walker<Source>::walk(Dir dir, std::int32_t dir_index, std::size_t depth, bool pruned, std::int32_t pruned_by) {
  // The whole directory is listed first so the fd count stays one per level.
  auto&& listing = source_.list(dir);
  if (listing.read_errno != 0) {
    warn(std::string("cannot read directory: ") + std::strerror(listing.read_errno),
         dir_index >= 0 && out_.entries[dir_index].excluded);
  }

  const std::size_t base_len = path_.size();
  for (const RawChild& c : listing.children) {
    if (base_len) path_ += '/';
    path_.append(listing.name(c), c.name_len);

    Entry e;
    e.parent = dir_index;
    switch (c.type) {
      case DT_REG: e.type = EntryType::kFile; e.size = c.size; break;
      case DT_DIR: e.type = EntryType::kDir; break;
      case DT_LNK: e.type = EntryType::kSymlink; break;
      default: e.type = EntryType::kOther; break;
    }

    std::uint8_t* mine = nullptr;
    if (pruned) {
      e.excluded = true;
      e.pruned = true;
      e.decided_by = pruned_by;
    } else if (nrules_ > 0) {
      info(depth);  // grow first: the pointers below stay valid
      const std::uint8_t* parent = depth == 0 ? nullptr : info(depth - 1);
      mine = info(depth);
      MatchResult r = legacy_ ? matcher_.match_with_ancestors(path_, parent, e.type == EntryType::kDir ? mine : nullptr)
                              : matcher_.match_with_parent(path_, parent, mine);
      e.excluded = r.excluded;
      e.decided_by = r.decided_by;
    }
    if (c.type == DT_UNKNOWN) warn(std::string("cannot stat: ") + std::strerror(c.stat_errno), e.excluded);
    if (c.unreadable) warn("file is not readable", e.excluded);

    if (out_.entries.size() == out_.entries.capacity() || out_.arena.size() + path_.size() > out_.arena.capacity())
      source_.reserve(out_);
    e.path_offset = out_.arena.size();
    e.path_len = static_cast<std::uint32_t>(path_.size());
    out_.arena += path_;
    const auto index = static_cast<std::int32_t>(out_.entries.size());
    out_.entries.push_back(e);
    if (progress_.report && out_.entries.size() % progress_.every == 0) progress_.report(out_.entries.size());

    if (e.type == EntryType::kDir) {
      bool child_pruned =
          e.excluded && (pruned || (legacy_ ? matcher_.can_skip_excluded_dir_legacy(path_)
                                            : matcher_.can_skip_excluded_dir(path_)));
      in_pruned_ = child_pruned;
      Dir sub = source_.open(dir, listing, c);
      if (is_invalid(sub)) {
        warn(std::string("cannot open directory: ") + std::strerror(errno), e.excluded);
      } else {
        walk(sub, index, depth + 1, child_pruned, e.decided_by);
        source_.close_dir(sub);
      }
      in_pruned_ = pruned;
    }
    path_.resize(base_len);
  }
}

template <class Source>
void walk_with(Source& source, typename Source::Dir root, const Matcher& matcher, Engine engine,
               const WalkProgress& progress, ContextTree& tree) {
  Walker<Source> walker(source, matcher, tree, engine, progress);
  walker.walk(root, -1, 0, false, -1);
}

}  // namespace

unsigned default_walk_threads() {
  unsigned cores = std::thread::hardware_concurrency();
  return std::clamp(2 * cores, 4u, 16u);
}

ContextTree walk_context(const std::string& root, const Matcher& matcher, Engine engine, unsigned threads,
                         const WalkProgress& progress) {
  ContextTree tree;
  tree.root = root;
  int fd = open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw InputError("cannot open context directory " + root + ": " + std::strerror(errno));
  if (threads == 0) threads = default_walk_threads();
  // Each thread holds an open directory and a stack; 100,000 of them exhaust
  // the process long before they help (docs/limits.md).
  threads = std::min(threads, limits::kMaxWalkThreads);
  if (threads == 1) {
    LiveSource source;
    walk_with(source, fd, matcher, engine, progress, tree);
  } else {
    // The tree is built on this thread while the pool scans.
    DirScan scan(fd, threads);
    DirScan::wait(scan.root());
    if (scan.root().open_errno != 0) {
      close(fd);
      throw InputError("cannot read context directory " + root + ": " + std::strerror(scan.root().open_errno));
    }
    ScannedSource source(scan);
    walk_with(source, &scan.root(), matcher, engine, progress, tree);
  }
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
