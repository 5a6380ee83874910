// Small hostile Dockerfiles (issue 19) through the real binary: each used to
// overflow the stack or grow without bound; now a one-line error and exit 2.
// Every test has a positive control just inside the limit (docs/limits.md).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "../support/run_command.h"

namespace {

using CliRun = ballast::testing::CommandResult;

CliRun run(const std::string& args) {
  return ballast::testing::run_command(std::string(BALLAST_BINARY) + " " + args + " 2>&1");
}

std::string temp_file(const std::string& name, const std::string& content) {
  const auto path = std::filesystem::temp_directory_path() / ("ballast_hostile_" + name);
  std::ofstream(path, std::ios::binary) << content;
  return path.string();
}

std::string nested_default(int depth) {
  std::string s;
  for (int i = 0; i < depth; ++i) s += "${a:-";
  s += "x";
  s += std::string(static_cast<std::size_t>(depth), '}');
  return s;
}

bool one_line(const std::string& out) { return !out.empty() && out.find('\n') == out.size() - 1; }

TEST(HostileDockerfile, DeepNestedDefaultIsAnErrorNotACrash) {
  const std::string file = temp_file("nest", "FROM alpine\nENV b=" + nested_default(20000) + "\n");
  const CliRun r = run("lint " + file);
  EXPECT_EQ(r.code, 2) << r.out.substr(0, 300);
  EXPECT_TRUE(one_line(r.out)) << r.out.substr(0, 300);
  EXPECT_NE(r.out.find("nests ${...} more than 100 deep"), std::string::npos) << r.out.substr(0, 300);
  // Positive control: 50 deep expands (to "x") and lints normally.
  const std::string ok = temp_file("nest_ok", "FROM alpine\nENV b=" + nested_default(50) + "\n");
  const CliRun c = run("lint " + ok);
  EXPECT_NE(c.code, 2) << c.out;
  EXPECT_EQ(c.out.find("error:"), std::string::npos) << c.out;
}

TEST(HostileDockerfile, ChainedOnbuildIsAnErrorInLintAndDump) {
  std::string line;
  for (int i = 0; i < 20000; ++i) line += "ONBUILD ";
  const std::string file = temp_file("onbuild", "FROM alpine\n" + line + "RUN true\n");
  for (const char* cmd : {"lint ", "dockerfile dump "}) {
    const CliRun r = run(cmd + file);
    EXPECT_EQ(r.code, 2) << cmd;
    EXPECT_EQ(r.out, "ballast: error: " + file + ":2:1: ONBUILD nested more than 8 deep (see docs/limits.md)\n")
        << cmd;
  }
  const std::string ok = temp_file("onbuild_ok", "FROM alpine\nONBUILD RUN true\n");
  const CliRun c = run("dockerfile dump " + ok);
  EXPECT_EQ(c.code, 0);
  EXPECT_EQ(c.out, "(from \"alpine\")\n(onbuild (run \"true\"))\n");
}

TEST(HostileDockerfile, DoublingArgsStopAtTheExpansionCap) {
  std::string text = "ARG a0=x\n";
  for (int i = 1; i <= 40; ++i) {
    text += "ARG a" + std::to_string(i) + "=${a" + std::to_string(i - 1) + "}${a" + std::to_string(i - 1) + "}\n";
  }
  const std::string file = temp_file("double", text + "FROM alpine:${a40}\n");
  const CliRun r = run("lint " + file);
  EXPECT_EQ(r.code, 2) << r.out.substr(0, 300);
  EXPECT_TRUE(one_line(r.out)) << r.out.substr(0, 300);
  EXPECT_NE(r.out.find("expansion produces more than 1 MiB"), std::string::npos) << r.out.substr(0, 300);
  // Control: 10 doublings (1 KiB) are fine.
  std::string small = "ARG a0=x\n";
  for (int i = 1; i <= 10; ++i) {
    small += "ARG a" + std::to_string(i) + "=${a" + std::to_string(i - 1) + "}${a" + std::to_string(i - 1) + "}\n";
  }
  const CliRun c = run("lint " + temp_file("double_ok", small + "FROM alpine\n"));
  EXPECT_NE(c.code, 2) << c.out;
  EXPECT_EQ(c.out.find("error:"), std::string::npos) << c.out;
}

}  // namespace
