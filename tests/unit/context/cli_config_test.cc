// `ballast context` with .ballast.yaml (docs/config.md) and the shared
// findings formats. The tree: a Dockerfile copying req.txt, which
// .dockerignore excludes (*.txt) — one context.copy-ignored error at
// Dockerfile line 2, derived by hand.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "../support/run_command.h"

namespace {

namespace fs = std::filesystem;

using CliRun = ballast::testing::CommandResult;

CliRun run(const std::string& args) {
  return ballast::testing::run_command(std::string(BALLAST_BINARY) + " context " + args + " 2>&1");
}

class ContextConfig : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/ballast-context-config-XXXXXX";
    root_ = mkdtemp(tmpl);
    write(".dockerignore", "*.txt\n");
    write("Dockerfile", "FROM scratch\nCOPY req.txt /\n");
    write("req.txt", "x");
    for (int i = 0; i < 5; ++i) write("f" + std::to_string(i) + ".bin", std::string(100 + i, 'b'));
  }
  void TearDown() override { fs::remove_all(root_); }
  void write(const std::string& rel, const std::string& s) {
    fs::create_directories((fs::path(root_) / rel).parent_path());
    std::ofstream(fs::path(root_) / rel) << s;
  }
  std::string root_;
};

TEST_F(ContextConfig, SectionSetsDefaultsAndFlagsWin) {
  EXPECT_EQ(run(root_).code, 0);  // positive control: not strict by default
  write(".ballast.yaml", "context:\n  strict: true\n  top: 2\n  engine: \"20.10\"\n");
  EXPECT_EQ(run(root_).code, 1);
  EXPECT_EQ(run(root_ + " --no-config").code, 0);
  CliRun json = run(root_ + " --format json");
  auto j = nlohmann::json::parse(json.out.substr(0, json.out.rfind('}') + 1));
  EXPECT_EQ(j["engine"], "docker-20.10");
  EXPECT_EQ(j["largest_files"].size(), 2u);
  auto flagged = nlohmann::json::parse(run(root_ + " --format json --top 4 --engine buildkit").out);
  EXPECT_EQ(flagged["engine"], "buildkit");
  EXPECT_EQ(flagged["largest_files"].size(), 4u);
}

TEST_F(ContextConfig, BadValueExitsTwoWithFileAndLine) {
  write(".ballast.yaml", "context:\n  top: 3\n  engine: moby\n");
  CliRun bad = run(root_);
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.out.find(".ballast.yaml:3: context.engine must be buildkit or 20.10, not 'moby'"), std::string::npos)
      << bad.out;
  write(".ballast.yaml", "contxt:\n  top: 3\n");
  CliRun typo = run(root_);
  EXPECT_EQ(typo.code, 2);
  EXPECT_NE(typo.out.find(".ballast.yaml:1: unknown section 'contxt'"), std::string::npos) << typo.out;
  EXPECT_NE(typo.out.find("did you mean 'context'?"), std::string::npos) << typo.out;
}

TEST_F(ContextConfig, FindingsAsSarifGithubMarkdown) {
  CliRun sarif = run(root_ + " --format sarif");
  ASSERT_EQ(sarif.code, 0) << sarif.out;
  auto log = nlohmann::json::parse(sarif.out);
  EXPECT_EQ(log["version"], "2.1.0");
  bool found = false;
  for (const auto& r : log["runs"][0]["results"]) {
    if (r["ruleId"] != "context.copy-ignored") continue;
    found = true;
    EXPECT_EQ(r["level"], "error");
    EXPECT_EQ(r["locations"][0]["physicalLocation"]["region"]["startLine"], 2);
    const auto& rules = log["runs"][0]["tool"]["driver"]["rules"];
    EXPECT_EQ(rules[r["ruleIndex"].get<int>()]["id"], "context.copy-ignored");
  }
  EXPECT_TRUE(found) << sarif.out;

  CliRun gh = run(root_ + " --format github");
  EXPECT_NE(gh.out.find(",line=2,"), std::string::npos) << gh.out;
  EXPECT_NE(gh.out.find("::error file="), std::string::npos) << gh.out;
  EXPECT_NE(gh.out.find("title=context.copy-ignored::"), std::string::npos) << gh.out;

  CliRun md = run(root_ + " --format markdown");
  EXPECT_EQ(md.out.rfind("### ballast context `" + root_ + "`: ", 0), 0u) << md.out;
  EXPECT_NE(md.out.find("| :x: | `context.copy-ignored` | `"), std::string::npos) << md.out;
}

}  // namespace
