// `context --list` prints one name per line whatever the names hold (issue 19):
// names that need it are quoted exactly as `ls --quoting-style=c` quotes them
// (the expected lines come from ls itself, in a UTF-8 locale); plain names
// stay bare (the positive control).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "../support/run_command.h"
#include "util/c_quote.h"

namespace {

using ballast::testing::run_command;

std::set<std::string> lines_of(const std::string& text) {
  std::set<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.insert(line);
  return out;
}

const std::vector<std::string> kHostile = {
    "a\nb", "e\033[31mred", "bad\377", "c1\302\205", "q\"s", "b\\s", "tab\tx", "del\177", "cr\rx",
};
const std::vector<std::string> kPlain = {"plain", "with space", "\xc3\xbcn\xc3\xaf", "dash-._~"};

TEST(ListQuoting, SameAsLsQuotingStyleC) {
  const auto dir = std::filesystem::temp_directory_path() / "ballast_list_quoting";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  for (const auto& n : kHostile) std::ofstream(dir / n) << "x";
  for (const auto& n : kPlain) std::ofstream(dir / n) << "x";
  auto ls = run_command("cd '" + dir.string() + "' && LC_ALL=C.UTF-8 ls -A --quoting-style=c");
  ASSERT_EQ(ls.code, 0);
  std::set<std::string> expected;
  for (const auto& line : lines_of(ls.out)) {
    // ls quotes every name; ballast only those that need it.
    std::string bare = line.substr(1, line.size() - 2);
    bool plain = false;
    for (const auto& p : kPlain) plain = plain || p == bare;
    expected.insert(plain ? bare : line);
  }
  ASSERT_EQ(expected.size(), kHostile.size() + kPlain.size()) << ls.out;
  auto r = run_command(std::string(BALLAST_BINARY) + " context --list --no-dockerfile '" + dir.string() + "'");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(lines_of(r.out), expected) << r.out;
  EXPECT_EQ(r.out.find('\033'), std::string::npos);  // no escape sequence reaches the terminal
  std::filesystem::remove_all(dir);
}

TEST(ListQuoting, Function) {
  EXPECT_EQ(ballast::c_quote_name("usr/bin/x"), "usr/bin/x");
  EXPECT_EQ(ballast::c_quote_name("a\nb"), "\"a\\nb\"");
  EXPECT_EQ(ballast::c_quote_name("\033"), "\"\\033\"");
  EXPECT_EQ(ballast::c_quote_name("\xff"), "\"\\377\"");
  EXPECT_EQ(ballast::c_quote_name("\xef\xbf\xbd"), "\xef\xbf\xbd");  // a real U+FFFD is printable
}

}  // namespace
