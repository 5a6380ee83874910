// What a person at a terminal sees, through the real binary on a real pty
// (util-linux `script`): colour (ECMA-48 SGR codes, written here from the
// standard, not copied from the output), lines cut to the terminal's width,
// and the progress line on stderr. Piped output, the positive control of
// each absence, stays plain and whole.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "../image/temp_dir.h"
#include "../support/run_command.h"
#include "writer/image_writer.h"

namespace ballast::testing {
namespace {

namespace fs = std::filesystem;

// ECMA-48 5th ed. 8.3.117 SGR: CSI (ESC [) parameters "m"; 1 bold, 31 red.
const std::string kCsi = "\x1b[";
const std::string kBoldRed = "\x1b[1;31m";

// An image with an error finding (a .git directory, image.secret) and a
// dozen layers, some with long paths, so progress has steps and lines are long.
void write_image(const std::string& path) {
  writer::WriteImage img;
  img.repo_tags = {"term/test:1"};
  for (int i = 0; i < 12; ++i) {
    writer::WriteLayer l;
    const std::string dir = "opt/a-rather-long-directory-name-for-layer-" + std::to_string(i) +
                            "/with/more/nested/levels/so/the/path/is/wider/than/sixty/columns";
    l.entries = {writer::file_entry(dir + "/data.bin", std::string(200000 + 1000 * i, static_cast<char>('a' + i)))};
    l.created_by = "/bin/sh -c mkdir -p /" + dir + " && generate data for layer " + std::to_string(i);
    img.layers.push_back(l);
  }
  img.layers[3].entries.push_back(writer::file_entry("app/.git/HEAD", "ref: refs/heads/main\n"));
  img.layers[3].entries.push_back(writer::file_entry("app/.git/config", "[remote \"origin\"]\n"));
  writer::write_docker_archive({img}, path);
}

class Terminal : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    write_image(dir_->path() + "/img.tar");
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  // `ballast ARGS` with stdout (and stderr) on a fresh pty; ENV before it.
  static CommandResult on_pty(const std::string& env, const std::string& args) {
    const std::string cmd = "cd '" + dir_->path() + "' && " + env + " '" + BALLAST_BINARY + "' " + args;
    return run_command("script -q -e -c \"" + cmd + "\" /dev/null </dev/null");
  }
  static CommandResult piped(const std::string& env, const std::string& args) {
    return run_command("cd '" + dir_->path() + "' && " + env + " '" + BALLAST_BINARY + "' " + args + " 2>/dev/null");
  }
  static TempDir* dir_;
};
TempDir* Terminal::dir_ = nullptr;

bool has(const std::string& s, const std::string& what) { return s.find(what) != std::string::npos; }

TEST_F(Terminal, ColourOnATerminalNotWhenPiped) {
  // The error finding's severity in bold red (SGR 1;31), reset after (SGR 0).
  CommandResult tty = on_pty("env -u NO_COLOR TERM=xterm", "analyze img.tar --no-config 2>/dev/null");
  ASSERT_EQ(tty.code, 0) << tty.out;
  EXPECT_TRUE(has(tty.out, kBoldRed + "error\x1b[0m")) << tty.out;
  EXPECT_TRUE(has(tty.out, "\x1b[1mYou could save ")) << tty.out;  // the headline, bold
  // NO_COLOR (no-color.org), TERM=dumb and --color never: no escape at all.
  for (const char* env : {"NO_COLOR=1 TERM=xterm", "env -u NO_COLOR TERM=dumb"}) {
    CommandResult plain = on_pty(env, "analyze img.tar --no-config 2>/dev/null");
    EXPECT_EQ(plain.code, 0);
    EXPECT_TRUE(has(plain.out, "error")) << env;
    EXPECT_FALSE(has(plain.out, kCsi)) << env << "\n" << plain.out;
  }
  CommandResult never = on_pty("TERM=xterm", "analyze img.tar --no-config --color never 2>/dev/null");
  EXPECT_FALSE(has(never.out, kCsi)) << never.out;
  // Piped: plain by default, coloured when asked (an explicit flag beats NO_COLOR).
  CommandResult pipe = piped("env -u NO_COLOR TERM=xterm", "analyze img.tar --no-config");
  EXPECT_FALSE(has(pipe.out, kCsi));
  CommandResult always = piped("NO_COLOR=1", "analyze img.tar --no-config --color always");
  EXPECT_TRUE(has(always.out, kBoldRed + "error\x1b[0m")) << always.out;
}

TEST_F(Terminal, ColourFlagOnEveryCommandAndBadValue) {
  for (const char* cmd : {"analyze", "lint", "context", "deps", "check", "diff", "history", "version", "dockerfile"}) {
    CommandResult help = piped("", std::string(cmd) + " --help");
    EXPECT_TRUE(has(help.out, "--color")) << cmd;
  }
  CommandResult bad = run_command(std::string("'") + BALLAST_BINARY + "' version --color sometimes 2>&1");
  EXPECT_EQ(bad.code, 2) << bad.out;
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == '\n') {
      out.push_back(cur);
      cur.clear();
    } else if (c != '\r') {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

std::size_t columns(const std::string& line) {
  return static_cast<std::size_t>(
      std::count_if(line.begin(), line.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

TEST_F(Terminal, LinesCutToTheWidthOnlyOnATerminal) {
  CommandResult tty = on_pty("COLUMNS=60 NO_COLOR=1", "analyze img.tar --no-config 2>/dev/null");
  ASSERT_EQ(tty.code, 0) << tty.out;
  bool cut = false;
  for (const auto& l : lines_of(tty.out)) {
    EXPECT_LE(columns(l), 60u) << l;
    if (l.ends_with("\u2026")) cut = true;
  }
  EXPECT_TRUE(cut) << tty.out;
  // Piped, the same report keeps its long lines whole (scripts read them).
  CommandResult pipe = piped("COLUMNS=60", "analyze img.tar --no-config");
  std::size_t widest = 0;
  for (const auto& l : lines_of(pipe.out)) widest = std::max(widest, columns(l));
  EXPECT_GT(widest, 60u);
  EXPECT_FALSE(has(pipe.out, "\u2026 \n"));
}

TEST_F(Terminal, ProgressOnStderrIsMonotonic) {
  // stdout away, stderr on the pty: what remains is the progress line,
  // rewritten in place with \r.
  CommandResult tty = on_pty("NO_COLOR=1", "analyze img.tar --no-config --threads 4 >/dev/null");
  ASSERT_EQ(tty.code, 0) << tty.out;
  std::regex step(R"(reading layers (\d+)/(\d+): \S+ \S+ of \S+ \S+)");
  long last = -1, seen = 0, total = 0;
  std::string segment;
  auto take = [&] {
    std::smatch m;
    if (std::regex_search(segment, m, step)) {
      long done = std::stol(m[1]);
      EXPECT_GE(done, last) << segment;
      last = done;
      total = std::stol(m[2]);
      ++seen;
    }
    segment.clear();
  };
  for (char c : tty.out) {
    if (c == '\r' || c == '\n') take();
    else segment += c;
  }
  take();
  EXPECT_EQ(total, 12);
  EXPECT_EQ(last, 12);
  EXPECT_GE(seen, 12);  // every finished layer is reported
  // Piped stderr gets no progress.
  CommandResult pipe = run_command("cd '" + dir_->path() + "' && '" + BALLAST_BINARY +
                                   "' analyze img.tar --no-config 2>&1 >/dev/null");
  EXPECT_FALSE(has(pipe.out, "reading layers")) << pipe.out;
}

// A layer from the layer cache is never read, yet it is done: on a warm cache
// every one of the 12 layers is counted and the byte figure reaches the total
// (what a skipped layer did not read counts as read), as on a cold run.
TEST_F(Terminal, ProgressCountsCacheHitsAsDoneLayers) {
  const std::string cache = dir_->path() + "/progress-cache";
  ASSERT_EQ(piped("", "analyze img.tar --no-config --cache-dir '" + cache + "' >/dev/null").code, 0);
  CommandResult tty = on_pty("NO_COLOR=1", "analyze img.tar --no-config --threads 4 --cache-stats --cache-dir '" +
                                               cache + "' >/dev/null");
  ASSERT_EQ(tty.code, 0) << tty.out;
  // The control: this run really took every layer from the cache.
  ASSERT_TRUE(has(tty.out, "12 layers from the cache, 0 not in it")) << tty.out;
  std::regex step(R"(reading layers (\d+)/(\d+): (\S+ \S+) of (\S+ \S+))");
  std::smatch last;
  std::string segment, last_segment;
  for (char c : tty.out + "\r") {
    if (c != '\r' && c != '\n') {
      segment += c;
      continue;
    }
    if (std::regex_search(segment, step)) last_segment = segment;
    segment.clear();
  }
  ASSERT_TRUE(std::regex_search(last_segment, last, step)) << tty.out;
  EXPECT_EQ(last[1], "12");
  EXPECT_EQ(last[2], "12");
  EXPECT_EQ(last[3], last[4]) << last_segment;
}

}  // namespace
}  // namespace ballast::testing
