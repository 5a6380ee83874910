// The expansions BuildKit's envVarTest does not cover (unset vs empty, the
// pattern operators, reporting of referenced variables), with values worked
// out from the POSIX/bash meaning BuildKit follows.
#include <gtest/gtest.h>

#include "dockerfile/shell_lex.h"

namespace df = ballast::dockerfile;

namespace {

const df::Env kEnv{{"V", "foo.tar.gz"}, {"NULL", ""}, {"PWD", "/home"}, {"SP", "d e"}, {"NL", "a\nb"}};

std::string x(std::string_view text) { return df::expand_word(text, kEnv); }

TEST(ShellLex, UnsetVersusEmpty) {
  EXPECT_EQ(x("${UNSET-def}"), "def");
  EXPECT_EQ(x("${NULL-def}"), "");
  EXPECT_EQ(x("${NULL:-def}"), "def");
  EXPECT_EQ(x("${UNSET+alt}"), "");
  EXPECT_EQ(x("${NULL+alt}"), "alt");
  EXPECT_EQ(x("${NULL:+alt}"), "");
  EXPECT_EQ(x("${NULL?}"), "");
}

TEST(ShellLex, RequiredVariableMessages) {
  try {
    x("${UNSET?set it}");
    FAIL();
  } catch (const df::ShellError& e) {
    EXPECT_STREQ(e.what(), "failed to process \"${UNSET?set it}\": UNSET: set it");
  }
  try {
    x("${NULL:?}");
    FAIL();
  } catch (const df::ShellError& e) {
    EXPECT_STREQ(e.what(), "failed to process \"${NULL:?}\": NULL: is not allowed to be empty");
  }
}

TEST(ShellLex, PrefixAndSuffixRemoval) {
  EXPECT_EQ(x("${V#*.}"), "tar.gz");
  EXPECT_EQ(x("${V##*.}"), "gz");
  EXPECT_EQ(x("${V%.*}"), "foo.tar");
  EXPECT_EQ(x("${V%%.*}"), "foo");
  EXPECT_EQ(x("${V#f?o}"), ".tar.gz");
  EXPECT_EQ(x("${V#nomatch}"), "foo.tar.gz");
  EXPECT_EQ(x("${UNSET#x}"), "");
  EXPECT_THROW(x("${V:#x}"), df::ShellError);   // unsupported modifier (:#)
  EXPECT_THROW(x("${V%\\.gz}"), df::ShellError);  // only \* \? \\ are valid escapes
}

TEST(ShellLex, StarDoesNotCrossNewlines) {
  // BuildKit turns the pattern into a Go regexp where '.' excludes '\n'.
  EXPECT_EQ(x("${NL##*}"), "\nb");
}

TEST(ShellLex, Replacement) {
  EXPECT_EQ(x("${V/o/0}"), "f0o.tar.gz");
  EXPECT_EQ(x("${V//o/0}"), "f00.tar.gz");
  EXPECT_EQ(x("${V/.*/}"), "foo");  // greedy '*'
  EXPECT_EQ(x("${V//[/x}"), "foo.tar.gz");
  EXPECT_THROW(x("${V/o}"), df::ShellError);  // missing '/'
}

TEST(ShellLex, WordSplittingAfterExpansion) {
  EXPECT_EQ(df::expand_words("a \"b c\" ${SP} '$SP'", kEnv),
            (std::vector<std::string>{"a", "b c", "d", "e", "$SP"}));
}

TEST(ShellLex, ReportsReferencedVariables) {
  const df::Expansion e = df::expand("$A ${B:-x} $PWD ${A}", kEnv);
  EXPECT_EQ(e.word, " x /home ");
  EXPECT_EQ(e.matched, std::vector<std::string>{"PWD"});
  EXPECT_EQ(e.unmatched, (std::vector<std::string>{"A", "B"}));
}

TEST(ShellLex, SkipUnsetKeepsReferences) {
  df::LexOptions o;
  o.skip_unset = true;
  EXPECT_EQ(df::expand_word("$A ${B} ${C:-d} $PWD", kEnv, o), "$A ${B} ${C:-d} /home");
}

TEST(ShellLex, BacktickEscape) {
  df::LexOptions o;
  o.escape = '`';
  EXPECT_EQ(df::expand_word("C:\\dir `$PWD", kEnv, o), "C:\\dir $PWD");
}

}  // namespace
