// Walks a build context directory the way BuildKit's context sender
// (tonistiigi/fsutil) does, recording every entry with its fate:
//  - symlinks are never followed (they are sent as links), so symlink loops
//    are harmless;
//  - every path is matched with Matcher::match_with_parent in walk order;
//  - an excluded directory is "pruned" (the builder never enters it) when no
//    exception rule could match inside; ballast still walks it to measure what
//    the exclusion saves, without matching;
//  - a directory is sent when it is itself included or holds something sent.
// Unreadable directories and files become warnings (the build only fails on
// those that are not excluded). Names are bytes: non-UTF-8 names are kept as is.
//
// System calls: openat + getdents64 + fstatat(AT_SYMLINK_NOFOLLOW) only for
// regular files (dir_read.h); paths live in one arena. With threads > 1 the
// system calls run on a thread pool first (dir_scan.h) and the tree is then
// built from the listings in the serial order: the result (entries, their
// order and parents, warnings and their order) is the same for any thread
// count.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "context/matcher.h"

namespace ballast::context {

// Which sender's rules to reproduce (see matcher.h).
enum class Engine { kBuildKit, kDocker20 };

enum class EntryType : std::uint8_t { kFile, kDir, kSymlink, kOther };

struct Entry {
  std::uint64_t size = 0;         // bytes of a regular file, 0 otherwise
  std::uint64_t path_offset = 0;  // into ContextTree::arena
  std::uint32_t path_len = 0;
  std::int32_t parent = -1;       // index of the parent directory entry, -1 at the root
  std::int32_t decided_by = -1;   // rule that decided the fate, -1 for none
  EntryType type = EntryType::kFile;
  bool excluded = false;
  bool pruned = false;  // below an excluded directory the builder never enters
  bool sent = false;    // part of what the builder sends
};

struct WalkWarning {
  std::string path;
  std::string message;
  bool breaks_build = false;  // not excluded: the real build would fail on it
};

struct ContextTree {
  std::string root;
  std::string arena;
  std::vector<Entry> entries;  // pre-order: a directory comes before its contents
  std::vector<WalkWarning> warnings;

  std::string_view path(const Entry& e) const { return {arena.data() + e.path_offset, e.path_len}; }
};

// Scanning threads when the caller passes 0: twice the cores (at least 4,
// at most 16), so waits on uncached inodes overlap while the thread that
// builds the tree still gets its share of a core (measured in
// docs/benchmarks.md, section "context").
unsigned default_walk_threads();

// For a progress line on big contexts: `report` is called on the walking
// thread with the number of entries recorded so far, every `every` entries.
struct WalkProgress {
  std::function<void(std::size_t entries)> report;
  std::size_t every = 1 << 16;
};

// Throws InputError when `root` is not a readable directory. threads: 0 =
// default_walk_threads(); 1 = one thread doing the system calls as it goes
// (least memory: no listings kept); n > 1: n threads scan while the calling
// thread builds the tree.
ContextTree walk_context(const std::string& root, const Matcher& matcher, Engine engine = Engine::kBuildKit,
                         unsigned threads = 0, const WalkProgress& progress = {});

}  // namespace ballast::context
