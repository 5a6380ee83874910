// Issue 23, "mistakes the CLI should catch": a misspelt subcommand or flag is
// one line naming the real one, an out-of-range count is refused, exit 2.
// The expected suggestions are the real names (ballast --help), not output.
#include <gtest/gtest.h>

#include <string>

#include "../support/run_command.h"

namespace {

ballast::testing::CommandResult run(const std::string& args) {
  return ballast::testing::run_command(std::string(BALLAST_BINARY) + " " + args + " 2>&1 >/dev/null");
}

int lines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

TEST(CliUsage, UnknownSubcommandSuggestsTheClosest) {
  auto r = run("analyse img.tar");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "ballast: error: unknown command 'analyse'; did you mean 'analyze'?\n");
  auto far = run("frobnicate");
  EXPECT_EQ(far.code, 2);
  EXPECT_EQ(far.out, "ballast: error: unknown command 'frobnicate' (see --help)\n");
}

TEST(CliUsage, UnknownFlagSuggestsTheClosest) {
  auto r = run("analyze --fromat json img.tar");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "ballast: error: analyze: unknown option '--fromat'; did you mean '--format'?\n");
  auto eq = run("lint --fromat=json Dockerfile");
  EXPECT_EQ(eq.code, 2);
  EXPECT_EQ(eq.out, "ballast: error: lint: unknown option '--fromat'; did you mean '--format'?\n");
  auto far = run("context --zzzzzz .");
  EXPECT_EQ(far.code, 2);
  EXPECT_EQ(lines(far.out), 1) << far.out;
  EXPECT_EQ(far.out.find("did you mean"), std::string::npos) << far.out;
}

TEST(CliUsage, NegativeAndNonNumericCountsAreRefused) {
  for (const char* args : {"analyze --top -1 img.tar", "context --top -1 .", "diff --top -1 a b",
                           "history --last -5", "analyze --threads -2 img.tar", "context --big-file-mb -1 ."}) {
    auto r = run(args);
    EXPECT_EQ(r.code, 2) << args;
    EXPECT_EQ(lines(r.out), 1) << args << ": " << r.out;
    EXPECT_NE(r.out.find("expected a whole number of 0 or more, got '-"), std::string::npos) << args << ": " << r.out;
  }
  auto word = run("analyze --top ten img.tar");
  EXPECT_EQ(word.code, 2);
  EXPECT_NE(word.out.find("--top: expected a whole number of 0 or more, got 'ten'"), std::string::npos) << word.out;
  // Positive control: a valid count passes the check and reaches the (missing) image.
  auto ok = run("analyze --top 0 /nonexistent/img.tar");
  EXPECT_EQ(ok.code, 2);
  EXPECT_EQ(ok.out.find("whole number"), std::string::npos) << ok.out;
}

}  // namespace
