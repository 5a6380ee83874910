// `ballast lint` end to end through the real binary: default file, stdin,
// several files with one that BuildKit rejects, thresholds, formats, config.
#include <gtest/gtest.h>

#include <algorithm>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "../support/run_command.h"

namespace {

namespace fs = std::filesystem;

using CliRun = ballast::testing::CommandResult;

CliRun run(const std::string& args, const fs::path& cwd) {
  return ballast::testing::run_command("cd '" + cwd.string() + "' && '" + BALLAST_BINARY +
                                       "' lint " + args + " 2>/dev/null");
}

class LintCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ballast-lint-cli-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const std::string& name, const std::string& text) {
    fs::create_directories((dir_ / name).parent_path());
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  fs::path dir_;
};

TEST_F(LintCli, DefaultDockerfileAndThresholds) {
  write("Dockerfile", "FROM python:3.12-slim\nRUN pip install flask\nUSER app\n");
  CliRun r = run("", dir_);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("Dockerfile:2:1 warning BA1005 "), std::string::npos) << r.out;
  EXPECT_EQ(run("--failure-threshold error", dir_).code, 0);
  EXPECT_EQ(run("--failure-threshold none", dir_).code, 0);
  EXPECT_EQ(run("--failure-threshold info", dir_).code, 1);
}

TEST_F(LintCli, CleanFileExitsZero) {
  write("Dockerfile",
        "FROM python:3.12-slim\nCOPY app.py /app/\nUSER app\nCMD [\"python\", \"/app/app.py\"]\n");
  CliRun r = run("Dockerfile", dir_);
  EXPECT_EQ(r.code, 0) << r.out;
}

TEST_F(LintCli, ParseErrorDoesNotStopOtherFiles) {
  write("bad/Dockerfile", "# only a comment\n");
  write("good/Dockerfile", "FROM ubuntu:latest\nUSER app\n");
  CliRun r = run("--format json bad/Dockerfile good/Dockerfile", dir_);
  EXPECT_EQ(r.code, 2);
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["kind"], "lint");
  ASSERT_EQ(j["errors"].size(), 1u);
  EXPECT_EQ(j["errors"][0]["file"], "bad/Dockerfile");
  bool latest = false;
  for (const auto& f : j["findings"]) latest = latest || f["id"] == "BA3006";
  EXPECT_TRUE(latest);
}

TEST_F(LintCli, BinaryAndMissingFilesRejected) {
  write("bin", std::string("FROM a\0\x01\x02", 9));
  EXPECT_EQ(run("bin", dir_).code, 2);
  EXPECT_EQ(run("nope", dir_).code, 2);
  EXPECT_EQ(run(".", dir_).code, 2);
}

TEST_F(LintCli, Stdin) {
  CliRun r = run("- < /dev/null", dir_);
  EXPECT_EQ(r.code, 2);  // empty input: BuildKit rejects a file with no instructions
  write("in", "FROM alpine:3.19\nRUN apk add curl\nUSER app\n");
  r = run("- < in", dir_);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("<stdin>:2:1 warning BA1006"), std::string::npos) << r.out;
}

TEST_F(LintCli, ConfigSearchedUpward) {
  write(".ballast.yaml", "lint:\n  ignore: [DL3042]\n  failure_threshold: error\n");
  write("svc/Dockerfile", "FROM python:3.12-slim\nRUN pip install flask\n");
  CliRun r = run("svc/Dockerfile", dir_);
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out.find("BA1005"), std::string::npos) << r.out;
  write("strict.yaml", "lint:\n  failure_threshold: info\n");
  EXPECT_EQ(run("--config strict.yaml svc/Dockerfile", dir_).code, 1);
  write("broken.yaml", "lint:\n  ignore: [NOPE]\n");
  EXPECT_EQ(run("--config broken.yaml svc/Dockerfile", dir_).code, 2);  // A misspelt key in the file found upward: exit 2, file:line and a suggestion.
  write(".ballast.yaml", "lint:\n  ignroe: [DL3042]\n");
  CliRun typo = ballast::testing::run_command("cd '" + dir_.string() + "' && '" + BALLAST_BINARY +
                                              "' lint svc/Dockerfile 2>&1");
  EXPECT_EQ(typo.code, 2);
  EXPECT_EQ(run("--no-config svc/Dockerfile", dir_).code, 1);  // the file left out: BA1005 fails at warning
  EXPECT_NE(typo.out.find(".ballast.yaml:2: lint.ignroe: unknown key (ignore, enable, severity, trusted_registries, "
                          "failure_threshold); did you mean 'ignore'?"),
            std::string::npos)
      << typo.out;
}

TEST_F(LintCli, SarifAndGithub) {
  write("Dockerfile", "FROM ubuntu\n");
  CliRun r = run("--format sarif", dir_);
  auto s = nlohmann::json::parse(r.out);
  EXPECT_EQ(s["version"], "2.1.0");
  EXPECT_FALSE(s["runs"][0]["results"].empty());
  r = run("--format github", dir_);
  EXPECT_NE(r.out.find("::warning file=Dockerfile,line=1"), std::string::npos) << r.out;
  EXPECT_EQ(run("--format yaml", dir_).code, 2);
}

}  // namespace

namespace {

// BA1018 reads the context's package.json: a nesting bomb there is bounded
// (one line, exit 2), a file that is not JSON is no evidence (silent), and
// a real one fires (the positive control).
TEST_F(LintCli, ContextPackageJsonIsReadWithBounds) {
  write("Dockerfile", "FROM node:20-slim\nCOPY package.json ./\nRUN npm ci\nUSER node\n");
  write("package.json", R"({"devDependencies": {"typescript": "5.4.5"}})");
  CliRun r = run("--context . --format json", dir_);
  EXPECT_NE(r.out.find("\"BA1018\""), std::string::npos) << r.out;
  write("package.json", "not json {");
  r = run("--context . --format json", dir_);
  EXPECT_EQ(r.out.find("\"BA1018\""), std::string::npos) << r.out;
  write("package.json", std::string(100000, '[') + std::string(100000, ']'));
  r = ballast::testing::run_command("cd '" + dir_.string() + "' && '" + BALLAST_BINARY + "' lint --context . 2>&1 >/dev/null");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
  EXPECT_NE(r.out.find("package.json"), std::string::npos) << r.out;
}

}  // namespace
