// `ballast context` through the real binary: exit codes, the JSON envelope
// and --list (expected values written by hand for the tree below).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "../support/run_command.h"

namespace {

namespace fs = std::filesystem;

using CliRun = ballast::testing::CommandResult;

CliRun run(const std::string& args) {
  return ballast::testing::run_command(std::string(BALLAST_BINARY) + " context " + args + " 2>/dev/null");
}

class ContextCli : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/ballast-context-cli-XXXXXX";
    root_ = mkdtemp(tmpl);
  }
  void TearDown() override { fs::remove_all(root_); }
  void write(const std::string& rel, const std::string& s) {
    fs::create_directories((fs::path(root_) / rel).parent_path());
    std::ofstream(fs::path(root_) / rel) << s;
  }
  std::string root_;
};

TEST_F(ContextCli, ListAndJson) {
  write(".dockerignore", "logs\n*.tmp\n");
  write("Dockerfile", "FROM scratch\nCOPY app /app\n");
  write("app/main.py", "print(1)\n");
  write("logs/a.log", "x");
  write("x.tmp", "y");
  CliRun list = run(root_ + " --list");
  EXPECT_EQ(list.code, 0);
  EXPECT_EQ(list.out, ".dockerignore\nDockerfile\napp/\napp/main.py\n");
  // Any thread count sends the same files (1 = the serial walk).
  for (const char* threads : {"1", "3", "16"})
    EXPECT_EQ(run(root_ + " --list --walk-threads " + threads).out, list.out) << threads;
  CliRun json = run(root_ + " --format json");
  ASSERT_EQ(json.code, 0);
  auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["kind"], "context");
  EXPECT_EQ(j["schema"], "ballast.report");
  EXPECT_EQ(j["totals"]["sent"]["files"], 3);
  EXPECT_EQ(j["totals"]["excluded"]["bytes"], 2);
  EXPECT_EQ(j["rules"][0]["files"], 1);
  EXPECT_EQ(j["copy_sources"][0]["status"], "ok");
}

TEST_F(ContextCli, StrictFailsOnExcludedCopySource) {
  write(".dockerignore", "*.txt\n");
  write("Dockerfile", "FROM scratch\nCOPY req.txt /\n");
  write("req.txt", "x");
  EXPECT_EQ(run(root_).code, 0);
  EXPECT_EQ(run(root_ + " --strict").code, 1);
}

// Issue 23: big files are suggested by extension (audio, video) and by their
// share of the context, whatever the name; a fix with no pattern is not printed.
TEST_F(ContextCli, BigDataFilesAndNoEmptyFix) {
  write("Dockerfile", "FROM scratch\nCOPY app /app\n");
  write("app/main.py", "print(1)\n");
  write("voice.wav", "");
  fs::resize_file(fs::path(root_) / "voice.wav", 31u << 20);   // 31 MB, below --big-file-mb 50
  write("capture.raw", "");
  fs::resize_file(fs::path(root_) / "capture.raw", 21u << 19);  // 10.5 MiB, no known extension, under 1/4 here
  write("small.raw", "");
  fs::resize_file(fs::path(root_) / "small.raw", 2u << 20);     // neither: not suggested
  auto j = nlohmann::json::parse(run(root_ + " --format json").out);
  std::vector<std::string> big;
  for (const auto& f : j["findings"])
    if (f["id"] == "context.suggest.big-files") big = f["paths"].get<std::vector<std::string>>();
  EXPECT_EQ(big, (std::vector<std::string>{"voice.wav"})) << j["findings"].dump(1);
  // Without the .wav that file is most of what is sent: named too.
  fs::remove(fs::path(root_) / "voice.wav");
  j = nlohmann::json::parse(run(root_ + " --format json").out);
  big.clear();
  for (const auto& f : j["findings"])
    if (f["id"] == "context.suggest.big-files") big = f["paths"].get<std::vector<std::string>>();
  EXPECT_EQ(big, (std::vector<std::string>{"capture.raw"})) << j["findings"].dump(1);

  // Only the Dockerfile and .dockerignore are unused: no "add to .dockerignore:" without a pattern.
  fs::remove(fs::path(root_) / "capture.raw");
  fs::remove(fs::path(root_) / "small.raw");
  write(".dockerignore", "*.tmp\n");
  CliRun strict = run(root_ + " --strict");
  EXPECT_EQ(strict.out.find("add to .dockerignore:\n"), std::string::npos) << strict.out;
  // Positive control: an unused file is suggested with its name.
  write("notes.txt", "n");
  strict = run(root_ + " --strict");
  EXPECT_NE(strict.out.find("add to .dockerignore: notes.txt"), std::string::npos) << strict.out;
}

TEST_F(ContextCli, BadPatternIsExit2) {
  write(".dockerignore", "ok\n[\n");
  EXPECT_EQ(run(root_).code, 2);
  EXPECT_EQ(run(root_ + "/missing").code, 2);
}

TEST_F(ContextCli, JsonExcludesAndParents) {
  write("Dockerfile", "FROM scratch\nCOPY --exclude=*.md docs /d\nCOPY --parents ./src/./*.py /s/\n");
  write("docs/a.md", "a");
  write("docs/b.txt", "b");
  write("src/x.py", "x");
  CliRun json = run(root_ + " --format json");
  ASSERT_EQ(json.code, 0);
  auto j = nlohmann::json::parse(json.out);
  const auto& cs = j["copy_sources"];
  ASSERT_EQ(cs.size(), 2u);
  EXPECT_EQ(cs[0]["excludes"], nlohmann::json::array({"*.md"}));
  EXPECT_FALSE(cs[0].contains("parents"));
  EXPECT_EQ(cs[0]["files"], 1);
  EXPECT_EQ(cs[1]["parents"], true);
  EXPECT_EQ(cs[1]["source"], "src/./*.py");
  EXPECT_FALSE(cs[1].contains("excludes"));
  EXPECT_EQ(cs[1]["files"], 1);
}

}  // namespace

// issue 19: --walk-threads 100000 is clamped (docs/limits.md), not 100,000 threads.
TEST(ContextCliLimits, HugeWalkThreadsIsClamped) {
  char tmpl[] = "/tmp/ballast-context-threads-XXXXXX";
  const std::string root = mkdtemp(tmpl);
  std::ofstream(root + "/a.txt") << "a";
  const CliRun serial = run(root + " --list --walk-threads 1");
  const CliRun huge = run(root + " --list --walk-threads 100000");
  EXPECT_EQ(huge.code, 0);
  EXPECT_EQ(huge.out, serial.out);
  EXPECT_EQ(serial.out, "a.txt\n");
  fs::remove_all(root);
}
