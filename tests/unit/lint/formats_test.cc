// The four output formats of `ballast lint`, through the real binary (the
// renderers live in src/report/, which lint's unit tests do not link). The
// Dockerfile has exactly two findings, known from the rule definitions:
// line 2 BA4003 (duplicate stage name, error) and line 3 BA1006 (apk add
// without --no-cache, warning; the second stage is the image).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <iterator>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "../support/run_command.h"
#include "lint/report.h"
#include "lint/rule.h"

namespace {

namespace fs = std::filesystem;

constexpr const char* kDockerfile =
    "FROM alpine:3.19 AS a\nFROM alpine:3.19 AS a\nRUN apk add curl\nUSER app\n";

class LintFormats : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ballast-lint-formats-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "dir,x");
    std::ofstream(dir_ / "dir,x" / "Dockerfile") << kDockerfile;
    std::ofstream(dir_ / "bad") << "# nothing\n";
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string lint(const std::string& args, int* code = nullptr) {
    std::string cmd =
        "cd '" + dir_.string() + "' && '" + BALLAST_BINARY + "' lint " + args + " 2>/dev/null";
    auto r = ballast::testing::run_command(cmd);
    if (code) *code = r.code;
    return r.out;
  }
  fs::path dir_;
};

TEST_F(LintFormats, Text) {
  int code = 0;
  EXPECT_EQ(
      lint("'dir,x/Dockerfile'", &code),
      "dir,x/Dockerfile:2:1 error BA4003 Duplicate stage name \"a\", stage names should be unique\n"
      "    fix: rename one of the stages\n"
      "dir,x/Dockerfile:3:1 warning BA1006 apk add without --no-cache\n"
      "    fix: apk add --no-cache ...\n");
  EXPECT_EQ(code, 1);
  // --no-fix: the compiler-style lines alone (issue 23: the fix shown as analyze shows it, unless asked not to).
  EXPECT_EQ(lint("--no-fix 'dir,x/Dockerfile'", &code),
            "dir,x/Dockerfile:2:1 error BA4003 Duplicate stage name \"a\", stage names should be unique\n"
            "dir,x/Dockerfile:3:1 warning BA1006 apk add without --no-cache\n");
}

TEST_F(LintFormats, JsonEnvelope) {
  int code = 0;
  auto j = nlohmann::json::parse(lint("--format json 'dir,x/Dockerfile' bad", &code));
  EXPECT_EQ(code, 2);
  EXPECT_EQ(j["schema"], "ballast.report");
  EXPECT_EQ(j["schema_version"], 2);
  EXPECT_EQ(j["kind"], "lint");
  EXPECT_EQ(j["tool"]["name"], "ballast");
  EXPECT_EQ(j["files"], nlohmann::json::array({"dir,x/Dockerfile", "bad"}));
  ASSERT_EQ(j["findings"].size(), 2u);
  EXPECT_EQ(j["findings"][0]["id"], "BA4003");
  EXPECT_EQ(j["findings"][0]["severity"], "error");
  EXPECT_EQ(j["findings"][1]["location"]["line"], 3);
  EXPECT_EQ(j["findings"][1]["location"]["file"], "dir,x/Dockerfile");
  EXPECT_EQ(j["summary"]["error"], 1);
  EXPECT_EQ(j["summary"]["warning"], 1);
  EXPECT_EQ(j["summary"]["info"], 0);
  ASSERT_EQ(j["errors"].size(), 1u);
  EXPECT_EQ(j["errors"][0]["file"], "bad");
  EXPECT_EQ(j["failed"], true);
  EXPECT_EQ(j["exit_code"], 2);
  EXPECT_EQ(j["failure_threshold"], "warning");
}

TEST_F(LintFormats, SarifStructure) {
  auto s = nlohmann::json::parse(lint("--format sarif 'dir,x/Dockerfile' bad"));
  EXPECT_EQ(s["version"], "2.1.0");
  ASSERT_EQ(s["runs"].size(), 1u);
  const auto& run = s["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "ballast");
  const auto& rules = run["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), ballast::lint::rules().size());
  std::ifstream doc_in(std::string(BALLAST_SOURCE_DIR) + "/docs/rules.md");
  const std::string rules_doc((std::istreambuf_iterator<char>(doc_in)), std::istreambuf_iterator<char>());
  for (const auto& rule : rules) {
    EXPECT_TRUE(rule.contains("id"));
    // helpUri: absolute, to the rule's own section of docs/rules.md (GitHub's
    // anchor of "## BA1001" is "ba1001"), and that section exists.
    std::string id = rule["id"], anchor;
    for (char c : id) anchor += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(rule["helpUri"], "https://github.com/ballast-image/ballast/blob/main/docs/rules.md#" + anchor);
    EXPECT_NE(rules_doc.find("\n## " + id + "\n"), std::string::npos) << id;
    EXPECT_TRUE(rule["shortDescription"].contains("text"));
    std::string level = rule["defaultConfiguration"]["level"];
    EXPECT_TRUE(level == "error" || level == "warning" || level == "note") << level;
  }
  const auto& results = run["results"];
  ASSERT_EQ(results.size(), 2u);
  for (const auto& r : results) {
    EXPECT_TRUE(r.contains("ruleId"));
    EXPECT_TRUE(r["message"].contains("text"));
    std::size_t index = r["ruleIndex"];
    EXPECT_EQ(rules[index]["id"], r["ruleId"]);
    const auto& loc = r["locations"][0]["physicalLocation"];
    EXPECT_EQ(loc["artifactLocation"]["uri"], "dir%2Cx/Dockerfile");
    EXPECT_GE(loc["region"]["startLine"].get<int>(), 1);
  }
  EXPECT_EQ(results[0]["ruleId"], "BA4003");
  EXPECT_EQ(results[0]["level"], "error");
  EXPECT_EQ(results[1]["level"], "warning");
  EXPECT_EQ(results[1]["locations"][0]["physicalLocation"]["region"]["startLine"], 3);
  EXPECT_EQ(run["invocations"][0]["executionSuccessful"], false);
  EXPECT_EQ(run["invocations"][0]["toolExecutionNotifications"].size(), 1u);
}

TEST_F(LintFormats, GithubAnnotations) {
  EXPECT_EQ(lint("--format github 'dir,x/Dockerfile'"),
            "::error file=dir%2Cx/Dockerfile,line=2,col=1,endLine=2,title=BA4003::Duplicate stage "
            "name \"a\", "
            "stage names should be unique\n"
            "::warning file=dir%2Cx/Dockerfile,line=3,col=1,endLine=3,title=BA1006::apk add "
            "without --no-cache\n");
}

TEST(LintReport, ExitCodes) {
  ballast::lint::LintReport r;
  EXPECT_EQ(r.exit_code(), 0);
  r.failed = true;
  EXPECT_EQ(r.exit_code(), 1);
  r.errors.push_back({"x", "x: bad"});
  EXPECT_EQ(r.exit_code(), 2);
}

}  // namespace

namespace {

// `--context DIR` feeds the .dockerignore-aware rules with the context
// module's exact matching: `!keep.env` re-includes one file of an excluded
// pattern, and only the excluded COPY source is reported.
TEST_F(LintFormats, ContextDirectoryEnablesDockerignoreRules) {
  fs::create_directories(dir_ / "ctx" / ".git");
  std::ofstream(dir_ / "ctx" / "Dockerfile")
      << "FROM alpine:3.19\nCOPY secrets.env /a/\nCOPY keep.env /a/\nUSER app\n";
  std::ofstream(dir_ / "ctx" / "secrets.env") << "x";
  std::ofstream(dir_ / "ctx" / "keep.env") << "y";
  // No .dockerignore while .git is present: BA2006.
  std::string out = lint("--context ctx ctx/Dockerfile");
  EXPECT_NE(out.find("BA2006"), std::string::npos) << out;
  EXPECT_EQ(out.find("BA4022"), std::string::npos) << out;
  std::ofstream(dir_ / "ctx" / ".dockerignore") << ".git\n*.env\n!keep.env\n";
  out = lint("--context ctx ctx/Dockerfile");
  EXPECT_EQ(out.find("BA2006"), std::string::npos) << out;
  EXPECT_NE(out.find("ctx/Dockerfile:2:1 error BA4022"), std::string::npos) << out;
  EXPECT_EQ(out.find("Dockerfile:3:1 error BA4022"), std::string::npos) << out;
  // An excluded directory with an exception inside still sends that file,
  // so COPY docs works (BuildKit's own check would flag it); a missing
  // source and an excluded bind-mount source are reported.
  fs::create_directories(dir_ / "ctx" / "docs");
  fs::create_directories(dir_ / "ctx" / "data");
  std::ofstream(dir_ / "ctx" / "docs" / "README.md") << "r";
  std::ofstream(dir_ / "ctx" / "docs" / "other.md") << "o";
  std::ofstream(dir_ / "ctx" / "data" / "x") << "d";
  std::ofstream(dir_ / "ctx" / ".dockerignore") << ".git\ndocs\n!docs/README.md\ndata\n";
  std::ofstream(dir_ / "ctx" / "Dockerfile") << "FROM alpine:3.19\nCOPY docs /d\n"
                                                "RUN --mount=type=bind,source=data,target=/x true\n"
                                                "COPY missing.txt /\nUSER app\n";
  out = lint("--context ctx ctx/Dockerfile");
  EXPECT_EQ(out.find("Dockerfile:2:1 error BA4022"), std::string::npos) << out;
  EXPECT_NE(out.find("ctx/Dockerfile:3:1 error BA4022"), std::string::npos) << out;
  EXPECT_NE(out.find("ctx/Dockerfile:4:1 error BA4023"), std::string::npos) << out;
  int code = 0;
  lint("--context nowhere ctx/Dockerfile", &code);
  EXPECT_EQ(code, 2);
}

}  // namespace
