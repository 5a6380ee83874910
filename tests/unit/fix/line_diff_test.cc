// The unified diff against GNU diff -u, the independent oracle: the same
// hunks, headers and "\ No newline" markers for hand-picked edits (inserts at
// the top and bottom, far-apart changes split in two hunks, near ones merged,
// CRLF lines, an empty side), and line_origins on a hand-computed case.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "../support/run_command.h"
#include "fix/line_diff.h"

namespace ballast::fix {
namespace {

namespace fs = std::filesystem;

std::string gnu_diff(const std::string& a, const std::string& b) {
  fs::path dir = fs::temp_directory_path() / ("ballast-diff-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "a", std::ios::binary) << a;
  std::ofstream(dir / "b", std::ios::binary) << b;
  auto r = testing::run_command("cd '" + dir.string() + "' && diff -u --label a/F --label b/F a b");
  fs::remove_all(dir);
  EXPECT_TRUE(r.code == 0 || r.code == 1) << "GNU diff is needed (diffutils)";
  return r.out;
}

std::string lines(int from, int to, const std::string& tag = "l") {
  std::string s;
  for (int i = from; i <= to; ++i) s += tag + std::to_string(i) + "\n";
  return s;
}

TEST(LineDiff, AgreesWithGnuDiff) {
  const std::pair<std::string, std::string> kCases[] = {
      {"a\nb\nc\n", "a\nB\nc\n"},
      {"a\nb\nc\n", "x\na\nb\nc\n"},
      {"a\nb\nc\n", "a\nb\nc\nd\n"},
      {"a\nb\nc", "a\nb\nc\n"},
      {"a\nb\nc\n", "a\nb\nC"},
      {"", "new\n"},
      {"old\n", ""},
      {lines(1, 20), lines(1, 2) + "X\n" + lines(4, 17) + "Y\n" + lines(19, 20)},
      {lines(1, 20), lines(1, 5) + "X\n" + lines(7, 11) + "Y\n" + lines(13, 20)},
      {lines(1, 10), lines(1, 3) + lines(6, 10)},
      {"a\r\nb\r\nc\r\n", "a\r\nb \\\r\n  x\r\nc\r\n"},
      {"FROM a\nCOPY . .\nRUN npm i\nCMD x\n", "FROM a\nCOPY p ./\nRUN npm i && c\nCOPY . .\nCMD x\n"},
  };
  for (const auto& [a, b] : kCases) {
    SCOPED_TRACE(a + "|" + b);
    EXPECT_EQ(unified_diff(a, b, "a/F", "b/F"), gnu_diff(a, b));
  }
}

TEST(LineDiff, EqualTextsHaveNoDiff) { EXPECT_EQ(unified_diff("a\n", "a\n", "x", "y"), ""); }

TEST(LineDiff, Origins) {
  // new: l1, X (replaces l2), l3, Y (inserted), l4
  auto o = line_origins("l1\nl2\nl3\nl4\n", "l1\nX\nl3\nY\nl4\n");
  ASSERT_EQ(o.size(), 6u);
  EXPECT_EQ(o[1], 1);
  EXPECT_EQ(o[2], 2);
  EXPECT_EQ(o[3], 3);
  EXPECT_EQ(o[4], 3);
  EXPECT_EQ(o[5], 4);
}

}  // namespace
}  // namespace ballast::fix
