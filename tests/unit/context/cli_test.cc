// `ballast context` through the real binary: exit codes, the JSON envelope
// and --list (expected values written by hand for the tree below).
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

namespace {

namespace fs = std::filesystem;

struct CliRun {
  int code;
  std::string out;
};

CliRun run(const std::string& args) {
  std::string cmd = std::string(BALLAST_BINARY) + " context " + args + " 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  int status = pclose(p);
  return {WEXITSTATUS(status), out};
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

TEST_F(ContextCli, BadPatternIsExit2) {
  write(".dockerignore", "ok\n[\n");
  EXPECT_EQ(run(root_).code, 2);
  EXPECT_EQ(run(root_ + "/missing").code, 2);
}

}  // namespace
