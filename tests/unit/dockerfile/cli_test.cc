// `ballast dockerfile dump` end to end: output, stdin, and the exit-2 error line.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "../support/run_command.h"

namespace {

using CliRun = ballast::testing::CommandResult;

CliRun run(const std::string& args) {
  return ballast::testing::run_command(std::string(BALLAST_BINARY) + " " + args);
}

std::string temp_file(const std::string& name, const std::string& content) {
  const auto path = std::filesystem::temp_directory_path() / ("ballast_df_cli_" + name);
  std::ofstream(path, std::ios::binary) << content;
  return path.string();
}

TEST(DockerfileCli, DumpPrintsBuildkitFormat) {
  const std::string file = temp_file("ok", "FROM alpine AS b\nCOPY --from=b /a /b\nENV A 1\n");
  const CliRun r = run("dockerfile dump " + file);
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out,
            "(from \"alpine\" \"AS\" \"b\")\n(copy [\"--from=b\"] \"/a\" \"/b\")\n(env \"A\" \"1\" "
            "\"\")\n");
}

TEST(DockerfileCli, DumpReadsStdin) {
  const CliRun r = run("dockerfile dump - < " + temp_file("stdin", "RUN echo hi\n"));
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "(run \"echo hi\")\n");
}

TEST(DockerfileCli, ParseErrorIsOneLineAndExit2) {
  const std::string file = temp_file("bad", "FROM a\nENV PATH\n");
  const CliRun r = run("dockerfile dump " + file + " 2>&1");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "ballast: error: " + file + ":2:1: ENV must have two arguments\n");
}

TEST(DockerfileCli, MissingFileIsExit2) {
  const CliRun r = run("dockerfile dump /nonexistent/Dockerfile 2>&1");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "ballast: error: /nonexistent/Dockerfile: cannot open file\n");
}

TEST(DockerfileCli, DirectoryAndHugeInputAreRejectedCleanly) {
  const std::string dir = std::filesystem::temp_directory_path().string();
  const CliRun d = run("dockerfile dump " + dir + " 2>&1");
  EXPECT_EQ(d.code, 2);
  EXPECT_EQ(d.out, "ballast: error: " + dir + ": is a directory, not a Dockerfile\n");
  const CliRun h = run("dockerfile dump - 2>&1 < /dev/zero");
  EXPECT_EQ(h.code, 2);
  EXPECT_EQ(h.out,
            "ballast: error: <stdin>:1:1: file is too large to be a Dockerfile (more than 10485760 "
            "bytes)\n");
}

}  // namespace
