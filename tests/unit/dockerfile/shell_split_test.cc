// The RUN shell splitter: chains, quoting, continuations, substitutions,
// redirections and here-documents, checked against hand-derived word lists.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dockerfile/shell_split.h"

namespace ballast::dockerfile {
namespace {

using Words = std::vector<std::string>;

std::vector<Words> words_of(const std::string& script) {
  std::vector<Words> out;
  for (const auto& c : split_shell(script)) out.push_back(c.words);
  return out;
}

TEST(ShellSplit, Chains) {
  EXPECT_EQ(words_of("a && b || c; d | e & f"),
            (std::vector<Words>{{"a"}, {"b"}, {"c"}, {"d"}, {"e"}, {"f"}}));
  auto cmds = split_shell("curl x | sh");
  ASSERT_EQ(cmds.size(), 2u);
  EXPECT_EQ(cmds[0].separator, "|");
  EXPECT_EQ(cmds[1].separator, "");
}

TEST(ShellSplit, QuotesAndEscapes) {
  EXPECT_EQ(words_of(R"(echo 'a && b' "c \"d\" $x" e\ f)"), (std::vector<Words>{{"echo", "a && b", "c \"d\" $x", "e f"}}));
  EXPECT_EQ(words_of("echo \"\" ''"), (std::vector<Words>{{"echo", "", ""}}));
}

TEST(ShellSplit, ContinuationsAndNewlines) {
  auto cmds = split_shell("apt-get update \\\n  && apt-get install -y \\\n    curl\nrm -rf x");
  ASSERT_EQ(cmds.size(), 3u);
  EXPECT_EQ(cmds[1].words, (Words{"apt-get", "install", "-y", "curl"}));
  EXPECT_EQ(cmds[2].line, 3);
}

TEST(ShellSplit, SubstitutionsStayOneWord) {
  EXPECT_EQ(words_of("echo $(date +%s && echo \"a b\") ${X:-a b} `uname -m`"),
            (std::vector<Words>{{"echo", "$(date +%s && echo \"a b\")", "${X:-a b}", "`uname -m`"}}));
  EXPECT_EQ(words_of("sh -c \"$(curl -fsSL x)\""), (std::vector<Words>{{"sh", "-c", "$(curl -fsSL x)"}}));
}

TEST(ShellSplit, RedirectionsDropped) {
  EXPECT_EQ(words_of("apt-get install -y curl > /dev/null 2>&1"),
            (std::vector<Words>{{"apt-get", "install", "-y", "curl"}}));
  EXPECT_EQ(words_of("make &>/tmp/log; echo x >>f"), (std::vector<Words>{{"make"}, {"echo", "x"}}));
}

TEST(ShellSplit, HereDocumentBodySkipped) {
  EXPECT_EQ(words_of("cat <<EOF > /etc/x\nsudo rm -rf /\nEOF\necho done"),
            (std::vector<Words>{{"cat"}, {"echo", "done"}}));
  EXPECT_EQ(words_of("cat <<-'END'\n\tapt-get install x\n\tEND\nls"), (std::vector<Words>{{"cat"}, {"ls"}}));
}

TEST(ShellSplit, CommentsAssignmentsReservedWords) {
  auto cmds = split_shell("# comment && x\nDEBIAN_FRONTEND=noninteractive apt-get install -y x # tail");
  ASSERT_EQ(cmds.size(), 1u);
  EXPECT_EQ(cmds[0].assignments, (Words{"DEBIAN_FRONTEND=noninteractive"}));
  EXPECT_EQ(cmds[0].words, (Words{"apt-get", "install", "-y", "x"}));
  EXPECT_EQ(words_of("if [ -f x ]; then rm x; fi"), (std::vector<Words>{{"[", "-f", "x", "]"}, {"rm", "x"}}));
  EXPECT_EQ(words_of("(cd /src && make)"), (std::vector<Words>{{"cd", "/src"}, {"make"}}));
}

TEST(ShellSplit, UnterminatedInputDoesNotHang) {
  EXPECT_NO_THROW(split_shell("echo 'abc"));
  EXPECT_NO_THROW(split_shell("echo \"abc"));
  EXPECT_NO_THROW(split_shell("echo $(abc"));
  EXPECT_NO_THROW(split_shell("echo \\"));
  EXPECT_NO_THROW(split_shell("cat <<EOF"));
}

}  // namespace
}  // namespace ballast::dockerfile
