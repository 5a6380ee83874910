// explore::Explorer driven by its actions, on an image whose every number is
// hand-computed below (the fixture's comments), read back through
// analysis::analyze() as the CLI reads it.
#include <fnmatch.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "../image/temp_dir.h"
#include "analysis/analyze.h"
#include "explore/explorer.h"
#include "writer/image_writer.h"

namespace ballast::testing {
namespace {

using explore::Action;
using explore::Explorer;
using explore::Mark;
using explore::Pane;
using writer::file_entry;

const std::string kStatus =
    "Package: big\nStatus: install ok installed\nVersion: 1.0\nArchitecture: amd64\nInstalled-Size: 6\n\n";
const std::string kList = "/usr/lib/big.so\n/usr/lib/small.so\n";

// Layer 0: bin/sh 300, usr/lib/big.so 5000 and usr/lib/small.so 100 (both
//          of package "big"), the dpkg status and list.
// Layer 1: var/cache/apt/archives/x.deb 2000, tmp/junk 700, small.so again
//          with 150 bytes (M; the 100 are reclaimable).
// Layer 2: tmp/junk deleted (R; 700 reclaimable), app/a.txt 40, app/b.txt 10.
analysis::AnalyzeReport fixture() {
  TempDir dir;
  writer::WriteImage img;
  img.layers.push_back({{file_entry("bin/sh", std::string(300, 's')), file_entry("usr/lib/big.so", std::string(5000, 'b')),
                         file_entry("usr/lib/small.so", std::string(100, 'o')), file_entry("var/lib/dpkg/status", kStatus),
                         file_entry("var/lib/dpkg/info/big.list", kList)},
                        "ADD rootfs.tar /"});
  img.layers.push_back({{file_entry("var/cache/apt/archives/x.deb", std::string(2000, 'x')),
                         file_entry("tmp/junk", std::string(700, 'j')), file_entry("usr/lib/small.so", std::string(150, 'n'))},
                        "/bin/sh -c apt-get install -y x"});
  img.layers.push_back({{writer::whiteout_entry("tmp/junk"), file_entry("app/a.txt", std::string(40, 'a')),
                         file_entry("app/b.txt", std::string(10, 'b'))},
                        "/bin/sh -c rm /tmp/junk && cp -r . /app"});
  img.repo_tags = {"explore/fixture:1"};
  const std::string path = dir / "image.tar";
  writer::write_docker_archive({img}, path);
  analysis::AnalyzeRequest request;
  request.image = path;
  request.threads = 1;
  return analysis::analyze(request);
}

const std::uint64_t kDpkg = kStatus.size() + kList.size();

class ExplorerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { report_ = new analysis::AnalyzeReport(fixture()); }
  static void TearDownTestSuite() { delete report_; }
  static analysis::AnalyzeReport* report_;
};
analysis::AnalyzeReport* ExplorerTest::report_ = nullptr;

std::vector<std::string> paths(const Explorer& m) {
  std::vector<std::string> out;
  for (auto id : m.rows()) out.push_back(m.tree().path(id));
  return out;
}

std::string at_cursor(const Explorer& m) { return m.tree().path(m.cursor_node()); }

TEST_F(ExplorerTest, TotalsAndLayersAreTheHandComputedNumbers) {
  Explorer m(*report_);
  EXPECT_EQ(m.totals().final_bytes, 300 + 5000 + 150 + 2000 + 40 + 10 + kDpkg);
  EXPECT_EQ(m.totals().reclaimable_bytes, 100u + 700);
  EXPECT_EQ(m.totals().stored_bytes, 300 + 5000 + 100 + kDpkg + 2000 + 700 + 150 + 50);
  ASSERT_EQ(m.layers().size(), 4u);  // the final filesystem, then 3 layers
  EXPECT_EQ(m.layers()[0].index, -1);
  EXPECT_EQ(m.layers()[0].bytes, m.totals().final_bytes);
  EXPECT_EQ(m.layers()[1].bytes, 300 + 5000 + 100 + kDpkg);
  EXPECT_EQ(m.layers()[2].bytes, 2000u + 700 + 150);
  EXPECT_EQ(m.layers()[2].reclaimable, 700u);  // junk, added here, deleted in layer 2
  EXPECT_EQ(m.layers()[1].reclaimable, 100u);  // small.so's first version
  EXPECT_EQ(m.layers()[3].bytes, 50u);
  EXPECT_EQ(m.layers()[1].instruction, "ADD rootfs.tar /");
  EXPECT_EQ(m.layers()[2].instruction, "RUN apt-get install -y x");
}

TEST_F(ExplorerTest, EveryDirectoryWeighsWhatIsBelowIt) {
  Explorer m(*report_);
  for (std::size_t row = 0; row < m.layers().size(); ++row) {
    m.select(Pane::kLayers, row);
    const auto& t = m.tree();
    EXPECT_EQ(t.node(t.root()).bytes, m.layers()[row].bytes) << "view row " << row;
    for (std::uint32_t id = 0; id < t.size(); ++id) {
      if (!t.node(id).directory) continue;
      std::uint64_t sum = 0;
      for (auto c : t.node(id).by_size) sum += t.node(c).bytes;
      EXPECT_EQ(t.node(id).bytes, sum) << t.path(id);
    }
  }
}

TEST_F(ExplorerTest, OpensSortedBySizeAndNavigates) {
  Explorer m(*report_);
  EXPECT_EQ(m.focus(), Pane::kTree);
  EXPECT_EQ(m.view(), -1);
  // usr 5150 > var 2000+dpkg > bin 300 > app 50
  EXPECT_EQ(paths(m), (std::vector<std::string>{"/", "/usr", "/var", "/bin", "/app"}));
  m.apply(Action::kDown);
  EXPECT_EQ(at_cursor(m), "/usr");
  m.apply(Action::kRight);  // open
  m.apply(Action::kRight);  // to the first child
  EXPECT_EQ(at_cursor(m), "/usr/lib");
  m.apply(Action::kActivate);  // Enter opens it
  EXPECT_EQ(paths(m), (std::vector<std::string>{"/", "/usr", "/usr/lib", "/usr/lib/big.so", "/usr/lib/small.so", "/var",
                                                "/bin", "/app"}));
  m.apply(Action::kDown);
  m.apply(Action::kDown);
  EXPECT_EQ(at_cursor(m), "/usr/lib/small.so");
  EXPECT_EQ(m.tree().node(m.cursor_node()).bytes, 150u);
  m.apply(Action::kLeft);  // a file: to its parent
  EXPECT_EQ(at_cursor(m), "/usr/lib");
  m.apply(Action::kLeft);  // an open directory: closes
  EXPECT_EQ(paths(m).size(), 6u);
  m.apply(Action::kEnd);
  EXPECT_EQ(at_cursor(m), "/app");
  m.apply(Action::kDown);  // stays at the end
  EXPECT_EQ(at_cursor(m), "/app");
  m.apply(Action::kHome);
  EXPECT_EQ(at_cursor(m), "/");
  m.apply(Action::kUp);
  EXPECT_EQ(at_cursor(m), "/");
}

TEST_F(ExplorerTest, SortByNameAndBack) {
  Explorer m(*report_);
  m.apply(Action::kDown);  // /usr
  m.apply(Action::kSort);
  EXPECT_EQ(m.sort(), explore::SortBy::kName);
  EXPECT_EQ(paths(m), (std::vector<std::string>{"/", "/app", "/bin", "/usr", "/var"}));
  EXPECT_EQ(at_cursor(m), "/usr");  // the cursor stays on its node
  m.apply(Action::kSort);
  EXPECT_EQ(paths(m), (std::vector<std::string>{"/", "/usr", "/var", "/bin", "/app"}));
}

TEST_F(ExplorerTest, GlobAndSubstringFilters) {
  Explorer m(*report_);
  m.set_pattern("*.so");
  EXPECT_TRUE(m.filtering());
  EXPECT_EQ(m.filter_label(), "glob *.so");
  EXPECT_EQ(paths(m), (std::vector<std::string>{"/", "/usr", "/usr/lib", "/usr/lib/big.so", "/usr/lib/small.so"}));
  EXPECT_EQ(m.matched_files(), 2u);
  EXPECT_EQ(m.matched_bytes(), 5150u);
  EXPECT_EQ(at_cursor(m), "/usr/lib/big.so");  // the biggest match
  // A substring, any case; a matching directory brings what is below it.
  m.set_pattern("APT");
  EXPECT_EQ(m.filter_label(), "contains APT");
  EXPECT_EQ(paths(m), (std::vector<std::string>{"/", "/var", "/var/cache", "/var/cache/apt", "/var/cache/apt/archives",
                                                "/var/cache/apt/archives/x.deb"}));
  // Cleared: back to the top level, the cursor's directory still shown.
  m.apply(Action::kClearFilter);
  EXPECT_FALSE(m.filtering());
  EXPECT_EQ(at_cursor(m), "/var/cache/apt/archives/x.deb");
  m.apply(Action::kCollapseAll);
  EXPECT_EQ(paths(m), (std::vector<std::string>{"/", "/usr", "/var", "/bin", "/app"}));
  EXPECT_EQ(at_cursor(m), "/var");
  // Nothing matches: the root alone.
  m.set_pattern("no-such-name");
  EXPECT_EQ(paths(m), (std::vector<std::string>{"/"}));
  EXPECT_EQ(m.matched_files(), 0u);
}

TEST_F(ExplorerTest, OnlyFilesOfAtLeastNBytes) {
  Explorer m(*report_);
  m.set_min_bytes(1000);
  EXPECT_EQ(m.matched_files(), 2u);  // big.so 5000, x.deb 2000
  EXPECT_EQ(m.matched_bytes(), 7000u);
  EXPECT_EQ(m.filter_label(), "files >= 1.00 kB");
  m.set_min_bytes(5000);  // at least: 5000 itself passes
  EXPECT_EQ(m.matched_files(), 1u);
  m.set_min_bytes(5001);
  EXPECT_EQ(m.matched_files(), 0u);
  m.set_min_bytes(100);
  m.set_pattern("*.so");  // both at once
  EXPECT_EQ(m.matched_files(), 2u);
  m.set_min_bytes(200);
  EXPECT_EQ(m.matched_files(), 1u);
  EXPECT_EQ(m.filter_label(), "glob *.so, files >= 200 B");
}

TEST_F(ExplorerTest, LayerTreesMarkAddedModifiedRemoved) {
  Explorer m(*report_);
  m.select(Pane::kLayers, 2);  // layer 1
  EXPECT_EQ(m.view(), 1);
  auto mark = [&](const char* p) {
    const auto id = m.tree().find(p);
    EXPECT_NE(id, explore::kNoNode) << p;
    return id == explore::kNoNode ? Mark::kNone : m.tree().node(id).mark;
  };
  EXPECT_EQ(mark("/usr/lib/small.so"), Mark::kModified);
  EXPECT_EQ(mark("/var/cache/apt/archives/x.deb"), Mark::kAdded);
  EXPECT_EQ(mark("/tmp/junk"), Mark::kAdded);
  EXPECT_EQ(m.tree().find("/usr/lib/big.so"), explore::kNoNode);  // not in this layer
  m.select(Pane::kLayers, 3);  // layer 2
  EXPECT_EQ(mark("/tmp/junk"), Mark::kRemoved);
  EXPECT_EQ(m.tree().node(m.tree().find("/tmp/junk")).hidden, 700u);
  EXPECT_EQ(m.tree().node(m.tree().find("/tmp/junk")).bytes, 0u);
  EXPECT_EQ(mark("/app/a.txt"), Mark::kAdded);
  m.select(Pane::kLayers, 0);
  EXPECT_EQ(m.view(), -1);
  EXPECT_EQ(mark("/app/a.txt"), Mark::kNone);
  EXPECT_EQ(m.tree().node(m.tree().find("/app/a.txt")).layer, 2);
  // Each tree keeps its own open directories and cursor.
  m.select(Pane::kTree, 1);
  m.apply(Action::kRight);
  const auto rows = paths(m);
  m.select(Pane::kLayers, 2);
  m.select(Pane::kLayers, 0);
  EXPECT_EQ(paths(m), rows);
}

TEST_F(ExplorerTest, AFindingShowsItsPaths) {
  Explorer m(*report_);
  ASSERT_FALSE(m.findings().empty());
  bool opened = false;
  for (std::size_t i = 0; i < m.findings().size(); ++i) {
    const auto& f = m.findings()[i];
    Explorer e(*report_);
    e.select(Pane::kFindings, i);
    e.apply(Action::kActivate);
    bool in_some_tree = false;
    for (std::size_t row = 0; row < e.layers().size(); ++row) {
      Explorer probe(*report_);
      probe.select(Pane::kLayers, row);
      for (const auto& p : f.paths) in_some_tree = in_some_tree || probe.tree().find(p) != explore::kNoNode;
    }
    if (!in_some_tree) {
      EXPECT_EQ(e.focus(), Pane::kFindings) << f.id;
      EXPECT_FALSE(e.message().empty()) << f.id;
      continue;
    }
    opened = true;
    EXPECT_EQ(e.focus(), Pane::kTree) << f.id;
    EXPECT_EQ(e.filter_label(), "finding " + f.id);
    EXPECT_NE(std::find(f.paths.begin(), f.paths.end(), at_cursor(e)), f.paths.end()) << f.id << " at " << at_cursor(e);
    // Only the finding's paths (and what is below them) are shown.
    for (auto id : e.rows()) {
      if (e.tree().node(id).directory) continue;
      const std::string p = e.tree().path(id);
      const bool named = std::any_of(f.paths.begin(), f.paths.end(),
                                     [&](const std::string& q) { return p == q || p.starts_with(q + "/"); });
      EXPECT_TRUE(named) << f.id << ": " << p;
    }
  }
  EXPECT_TRUE(opened);
}

TEST_F(ExplorerTest, APackageShowsItsFiles) {
  Explorer m(*report_);
  ASSERT_FALSE(m.packages().empty());
  const auto& p = m.packages()[0];
  EXPECT_EQ(p.label, "deb:big");
  m.select(Pane::kPackages, 0);
  m.apply(Action::kActivate);
  EXPECT_EQ(m.focus(), Pane::kTree);
  EXPECT_EQ(m.view(), -1);
  EXPECT_EQ(m.filter_label(), "package deb:big");
  EXPECT_EQ(m.matched_bytes(), p.final_bytes);  // attribution's own sum
  EXPECT_EQ(m.matched_bytes(), 5150u);
  EXPECT_EQ(at_cursor(m), "/usr/lib/big.so");
}

TEST_F(ExplorerTest, HelpClickWheelPaneAndPage) {
  Explorer m(*report_);
  m.apply(Action::kHelp);
  EXPECT_TRUE(m.help());
  m.apply(Action::kDown);  // closes the help and does nothing else
  EXPECT_FALSE(m.help());
  EXPECT_EQ(at_cursor(m), "/");
  m.apply(Action::kNextPane);
  EXPECT_EQ(m.focus(), Pane::kFindings);
  m.apply(Action::kPrevPane);
  m.apply(Action::kPrevPane);
  EXPECT_EQ(m.focus(), Pane::kLayers);
  m.click(Pane::kLayers, 2);  // layer 1
  EXPECT_EQ(m.view(), 1);
  m.click(Pane::kLayers, 2);  // again: to its files
  EXPECT_EQ(m.focus(), Pane::kTree);
  m.select(Pane::kLayers, 0);
  m.click(Pane::kTree, 1);
  EXPECT_EQ(at_cursor(m), "/usr");
  m.click(Pane::kTree, 1);  // again: opens it
  EXPECT_TRUE(m.is_open(m.cursor_node()));
  m.wheel(Pane::kTree, 3);
  EXPECT_EQ(m.cursor(Pane::kTree), 4u);
  // A pane of 2 rows scrolls to keep the cursor in sight; a page is 2 rows.
  m.set_page(Pane::kTree, 2);
  EXPECT_EQ(m.top(Pane::kTree), 3u);
  m.apply(Action::kHome);
  EXPECT_EQ(m.top(Pane::kTree), 0u);
  m.apply(Action::kPageDown);
  EXPECT_EQ(m.cursor(Pane::kTree), 2u);
  EXPECT_EQ(m.top(Pane::kTree), 1u);
  m.apply(Action::kExactBytes);
  EXPECT_EQ(m.format(5150), "5150");
  m.apply(Action::kExactBytes);
  EXPECT_EQ(m.format(5150), "5.15 kB");
}

TEST_F(ExplorerTest, ExpandAllOpensEverythingBelow) {
  Explorer m(*report_);
  m.apply(Action::kExpandAll);  // at the root
  std::size_t files = 0;
  for (auto id : m.rows()) files += !m.tree().node(id).directory;
  EXPECT_EQ(files, 8u);  // every file of the final filesystem
}

TEST(PathFilter, GlobWhenItHasGlobCharacters) {
  explore::PathFilter g("*.so");
  EXPECT_TRUE(g.glob());
  EXPECT_TRUE(g.matches("/usr/lib/x/y.so"));  // * crosses '/'
  EXPECT_FALSE(g.matches("/usr/lib/y.so.1"));
  EXPECT_TRUE(explore::PathFilter("/usr/lib/[ab]*").matches("/usr/lib/big.so"));
  explore::PathFilter s("Lib/B");
  EXPECT_FALSE(s.glob());
  EXPECT_TRUE(s.matches("/usr/lib/big.so"));
  EXPECT_FALSE(s.matches("/usr/li"));
}

// The glob is fnmatch(3) without flags, written out (path_filter.cc): glibc's
// own fnmatch is the reference on ASCII patterns and paths.
TEST(PathFilter, GlobAgreesWithFnmatch) {
  const std::vector<std::string> patterns = {
      "*.so", "/usr/*", "/usr/lib/*.so", "*/e3/*.so", "/a?c", "/a[bc]d", "/a[!b]d", "/a[^b]d", "/a[a-c]*",
      "*[0-9]", "/x\\*y", "/x\\?", "**", "*a*b*c*", "/[", "/[a", "/a]b", "/[]]x", "/[!]]x", "*.tar.*", "/*/*/*",
      "?", "/??", "*/", "/usr/lib/[ab]*.so"};
  const std::vector<std::string> paths = {
      "/usr/lib/x.so", "/usr/lib/x.so.1", "/usr", "/usr/", "/d1/e3/f2.so", "/d1/e30/f.so", "/abc", "/abd", "/acd", "/aed",
      "/abx", "/f9", "/x*y", "/xzy", "/x?", "/xa", "/aXbYc", "/acb", "/[", "/[a", "/a]b", "/]x", "/ax", "/a.tar.gz",
      "/a/b/c", "/a/b", "/", "/usr/lib/big.so", "/usr/lib/cat.so", "", "a"};
  for (const auto& p : patterns)
    for (const auto& s : paths)
      EXPECT_EQ(explore::PathFilter(p).matches(s), ::fnmatch(p.c_str(), s.c_str(), 0) == 0) << p << " vs " << s;
  // Past ASCII, '?' and sets take a whole UTF-8 character.
  EXPECT_TRUE(explore::PathFilter("/caf?").matches("/caf\xc3\xa9"));
  EXPECT_TRUE(explore::PathFilter("/[\xc3\xa9" "e]t\xc3\xa9").matches("/\xc3\xa9t\xc3\xa9"));
  EXPECT_FALSE(explore::PathFilter("/caf??").matches("/caf\xc3\xa9"));
}

TEST(DisplayText, ControlAndInvalidBytesBecomeQuestionMarks) {
  EXPECT_EQ(explore::display_text("a\x1b[2Jb"), "a?[2Jb");
  EXPECT_EQ(explore::display_text("line\nbreak\t"), "line?break?");
  EXPECT_EQ(explore::display_text("bad\xff\xfe"), "bad??");
  EXPECT_EQ(explore::display_text("\xc2\x9b" "c1"), "?c1");  // C1 CSI
  EXPECT_EQ(explore::display_text("caf\xc3\xa9 \xe6\x97\xa5"), "caf\xc3\xa9 \xe6\x97\xa5");
}

}  // namespace
}  // namespace ballast::testing
