// The parallel walk (threads > 1: DirScan, then the tree built from its
// listings) must give exactly what the one-thread walk gives (system calls as
// it goes, the walk the other tests check by hand): same entries in the same
// pre-order with the same parents, sizes, fates and flags, the same warnings
// in the same order. Trees are built to hit the edges: exceptions inside
// excluded directories, pruning, symlinks and symlink loops, non-UTF-8 names,
// special files, a directory big enough to be stat'ed by several threads,
// deep nesting, unreadable files and directories (as an unprivileged user).
//
// The 20.10 engine's cached parent matches are checked against the uncached
// Matcher::matches_or_parent_matches for every path.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "context/walker.h"
#include "temp_tree.h"

namespace ballast::context {
namespace {

namespace fs = std::filesystem;

// Everything the walk decides, one line per entry and per warning, so a
// difference shows as a readable diff.
std::string dump(const ContextTree& t) {
  std::ostringstream out;
  for (std::size_t i = 0; i < t.entries.size(); ++i) {
    const Entry& e = t.entries[i];
    out << i << ' ' << t.path(e) << " parent=" << e.parent << " type=" << static_cast<int>(e.type)
        << " size=" << e.size << " by=" << e.decided_by << " ex=" << e.excluded << " pr=" << e.pruned
        << " sent=" << e.sent << '\n';
  }
  for (const auto& w : t.warnings) out << "warning " << w.path << ": " << w.message << " breaks=" << w.breaks_build << '\n';
  return out.str();
}

const char* const kIgnores[] = {
    "",
    "node_modules\n!node_modules/keep/**\n*.log\n",
    "big\n!big/f01*\nsecret\n",
    "**\n!deep/**/leaf.txt\n!caf*\n",
    "*/c\n!a\nlinks\n",
    "deep/d1/d2\n!deep/d1/d2/d3/d4/leaf.txt\nbig/sub*\n",
    "ex\n!**/keep.txt\nfifo\n",
};

class ParallelWalk : public TempTreeTest {
 protected:
  void link(const std::string& target, const std::string& rel) {
    ASSERT_EQ(symlink(target.c_str(), (root_ + "/" + rel).c_str()), 0);
  }
  void make_tricky_tree() {
    write("node_modules/a/index.js", std::string(100, 'a'));
    write("node_modules/keep/k.js", "kk");
    write("node_modules/keep/sub/x.log", "log");
    write("ex/keep.txt", "k");
    write("ex/other", "o");
    write("ex/in/keep.txt", "kk");
    write("a/c", "c");
    write("b/c", "c");
    write("app.log", "l");
    write("caf\xE9.txt", "x");
    write("\xFF\xFE/odd", "odd");
    std::string deep = "deep";
    for (int i = 1; i <= 30; ++i) deep += "/d" + std::to_string(i);
    write(deep + "/leaf.txt", "leaf");
    write("deep/d1/d2/d3/d4/leaf.txt", "leaf4");
    // Several settle ranges, with directories among the files of later ranges.
    for (int i = 0; i < 1700; ++i) write("big/f" + std::to_string(i), std::string(static_cast<std::size_t>(i % 7), 'b'));
    for (int i = 0; i < 40; ++i) write("big/sub" + std::to_string(i) + "/x", std::to_string(i));
    fs::create_directories(fs::path(root_) / "empty/inner");
    link("..", "a/up");
    link("self", "self");
    link("big", "links");
    link("/nonexistent", "dangling");
    ASSERT_EQ(mkfifo((root_ + "/fifo").c_str(), 0644), 0);
  }
  // serial vs each thread count, every ignore file, both engines; "" when equal.
  std::string compare_all() {
    for (const char* ignore : kIgnores) {
      for (Engine engine : {Engine::kBuildKit, Engine::kDocker20}) {
        Matcher m = Matcher::from_file_content(ignore, ".dockerignore", engine == Engine::kDocker20);
        std::string serial = dump(walk_context(root_, m, engine, 1));
        for (unsigned threads : {2u, 3u, 8u, 32u}) {
          std::string parallel = dump(walk_context(root_, m, engine, threads));
          if (parallel != serial) {
            return std::string("ignore=\"") + ignore + "\" threads=" + std::to_string(threads) + "\nserial:\n" +
                   serial + "\nparallel:\n" + parallel;
          }
        }
      }
    }
    return "";
  }
};

TEST_F(ParallelWalk, SameTreeAsSerialWalk) {
  make_tricky_tree();
  std::string diff = compare_all();
  EXPECT_EQ(diff, "");
}

TEST_F(ParallelWalk, RepeatedRunsAreIdentical) {
  make_tricky_tree();
  Matcher m = Matcher::from_file_content("node_modules\n!node_modules/keep/**\nbig/f1*\n", ".dockerignore");
  std::string first = dump(walk_context(root_, m, Engine::kBuildKit, 16));
  for (int i = 0; i < 10; ++i) ASSERT_EQ(dump(walk_context(root_, m, Engine::kBuildKit, 16)), first);
}

TEST_F(ParallelWalk, WalkedTreeIsComplete) {
  // Independent of the walker: every path std::filesystem lists appears once.
  make_tricky_tree();
  ContextTree t = walk_context(root_, Matcher(), Engine::kBuildKit, 8);
  std::vector<std::string> walked, listed;
  for (const auto& e : t.entries) walked.emplace_back(t.path(e));
  auto list = [&](auto&& self, const fs::path& dir) -> void {
    for (const auto& d : fs::directory_iterator(dir)) {
      listed.push_back(d.path().string().substr(root_.size() + 1));
      if (fs::symlink_status(d.path()).type() == fs::file_type::directory) self(self, d.path());
    }
  };
  list(list, fs::path(root_));
  std::sort(walked.begin(), walked.end());
  std::sort(listed.begin(), listed.end());
  EXPECT_EQ(walked, listed);
  // Pre-order: every parent comes before its children and is a directory.
  for (std::size_t i = 0; i < t.entries.size(); ++i) {
    const Entry& e = t.entries[i];
    if (e.parent < 0) continue;
    ASSERT_LT(static_cast<std::size_t>(e.parent), i);
    EXPECT_EQ(t.entries[static_cast<std::size_t>(e.parent)].type, EntryType::kDir);
  }
}

TEST_F(ParallelWalk, UnreadableEntriesGiveTheSameWarnings) {
  make_tricky_tree();
  write("secret/x", "x");
  write("locked/inner/y", "y");
  write("noread.txt", "n");
  write("node_modules/hidden/z", "z");
  ASSERT_EQ(chmod((root_ + "/secret").c_str(), 0), 0);
  ASSERT_EQ(chmod((root_ + "/locked").c_str(), 0300), 0);        // can enter, cannot list
  ASSERT_EQ(chmod((root_ + "/noread.txt").c_str(), 0200), 0);
  ASSERT_EQ(chmod((root_ + "/node_modules/hidden").c_str(), 0), 0);  // inside a pruned directory
  ASSERT_EQ(chmod((root_ + "/big").c_str(), 0311), 0);              // big directory, unlistable
  // Root reads everything: compare as an unprivileged user in a child process.
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    if (geteuid() == 0 && (chmod(root_.c_str(), 0755) != 0 || setgid(65534) != 0 || setuid(65534) != 0)) _exit(3);
    ContextTree t = walk_context(root_, Matcher(), Engine::kBuildKit, 1);
    if (t.warnings.size() < 4) _exit(4);  // secret, locked, noread.txt, big (hidden is below node_modules: read)
    std::string diff = compare_all();
    if (!diff.empty()) {
      fprintf(stderr, "%s\n", diff.c_str());
      _exit(1);
    }
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

TEST_F(ParallelWalk, Engine2010CachedParentMatchesAgreeWithUncached) {
  make_tricky_tree();
  for (const char* ignore : kIgnores) {
    Matcher m = Matcher::from_file_content(ignore, ".dockerignore", true);
    for (unsigned threads : {1u, 8u}) {
      ContextTree t = walk_context(root_, m, Engine::kDocker20, threads);
      for (const auto& e : t.entries) {
        if (e.pruned) continue;
        MatchResult r = m.matches_or_parent_matches(t.path(e));
        ASSERT_EQ(r.excluded, e.excluded) << ignore << " " << t.path(e);
        ASSERT_EQ(r.decided_by, e.decided_by) << ignore << " " << t.path(e);
      }
    }
  }
}

}  // namespace
}  // namespace ballast::context
