// Inline suppressions: ballast and hadolint pragmas (next instruction and
// global) and BuildKit's `# check=skip=` directive.
#include <gtest/gtest.h>

#include "lint_test_util.h"

namespace ballast::lint {
namespace {

using testing::ids;
using testing::lint;

const char* kApt = "RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n";

TEST(Suppression, BallastIgnoreNextInstructionOnly) {
  std::string df = std::string("FROM debian:12\n# ballast ignore=BA1001,BA3004\n") + kApt + kApt;
  auto findings = lint(df);
  ASSERT_EQ(testing::count(findings, "BA1001"), 1);
  for (const auto& f : findings) {
    if (f.id == "BA1001") {
      EXPECT_EQ(f.location->line, 4);
    }
  }
}

TEST(Suppression, HadolintIgnoreMapped) {
  std::string df = std::string("FROM debian:12\n# hadolint ignore=DL3015\n") + kApt;
  EXPECT_FALSE(ids(lint(df)).count("BA1001"));
  df = std::string("FROM debian:12\n# hadolint ignore=DL3008, DL3015\n") + kApt;
  EXPECT_FALSE(ids(lint(df)).count("BA1001"));
}

TEST(Suppression, Global) {
  std::string df = std::string("FROM debian:12\n") + kApt + "# ballast global ignore=BA1001\n" + kApt;
  EXPECT_FALSE(ids(lint(df)).count("BA1001"));
  df = std::string("# hadolint global ignore=DL3059\nFROM debian:12\nRUN a\nRUN b\n");
  EXPECT_FALSE(ids(lint(df)).count("BA2004"));
}

TEST(Suppression, BuildKitCheckDirective) {
  EXPECT_TRUE(ids(lint("FROM alpine:3.19\nCMD echo hi\n")).count("BA4005"));
  EXPECT_FALSE(ids(lint("# check=skip=JSONArgsRecommended\nFROM alpine:3.19\nCMD echo hi\n")).count("BA4005"));
  auto all = ids(lint("# check=skip=all\nFROM alpine:3.19 as Builder\nCMD echo hi\nMAINTAINER x\n"));
  EXPECT_FALSE(all.count("BA4005"));
  EXPECT_FALSE(all.count("BA4001"));
  EXPECT_FALSE(all.count("BA4006"));
  EXPECT_TRUE(all.count("BA3002"));  // not a BuildKit check: still reported
  // A directive after the first line is just a comment (BuildKit semantics).
  EXPECT_TRUE(ids(lint("FROM alpine:3.19\n# check=skip=JSONArgsRecommended\nCMD echo hi\n")).count("BA4005"));
}

TEST(Suppression, UnknownNamesIgnored) {
  std::string df = std::string("FROM debian:12\n# hadolint ignore=DL9999,SC2086\n") + kApt;
  EXPECT_TRUE(ids(lint(df)).count("BA1001"));
}

}  // namespace
}  // namespace ballast::lint
