// Hand-checked cases for the pattern compiler beyond the conformance vectors:
// the match kinds patternmatcher picks, the regexp semantics it inherits from
// Go, and Docker's error texts.
#include <gtest/gtest.h>

#include "context/go_regexp.h"
#include "context/glob_syntax.h"
#include "context/matcher.h"
#include "context/pattern.h"
#include "util/error.h"

namespace ballast::context {
namespace {

bool m(const std::string& pattern, const std::string& path) {
  Pattern p;
  std::string err;
  EXPECT_TRUE(p.compile(pattern, &err)) << pattern << ": " << err;
  return p.match(path);
}

TEST(GlobSyntax, GoFilepathMatchErrors) {
  EXPECT_TRUE(go_glob_syntax_ok("a[b-d]e"));
  EXPECT_TRUE(go_glob_syntax_ok("[[:alpha:]]"));
  EXPECT_TRUE(go_glob_syntax_ok("a\\*b"));
  EXPECT_FALSE(go_glob_syntax_ok("["));
  EXPECT_FALSE(go_glob_syntax_ok("[]a]"));
  EXPECT_FALSE(go_glob_syntax_ok("[a-]"));
  EXPECT_FALSE(go_glob_syntax_ok("[-a]"));
  EXPECT_FALSE(go_glob_syntax_ok("a\\"));
  EXPECT_FALSE(go_glob_syntax_ok("[\xFF]"));
  EXPECT_FALSE(go_glob_syntax_ok("*["));
}

TEST(Pattern, KindsFollowPatternmatcher) {
  Pattern p;
  std::string e;
  ASSERT_TRUE(p.compile("a.b", &e));
  EXPECT_EQ(p.kind(), Pattern::Kind::kExact);
  ASSERT_TRUE(p.compile("dir/**", &e));
  EXPECT_EQ(p.kind(), Pattern::Kind::kPrefix);
  ASSERT_TRUE(p.compile("**/x", &e));
  EXPECT_EQ(p.kind(), Pattern::Kind::kSuffix);
  // patternmatcher's regexp; without classes or escapes ballast matches it
  // directly (glob_match.h), which GlobMatch tests compare with the regexp.
  ASSERT_TRUE(p.compile("**/x*", &e));
  EXPECT_EQ(p.kind(), Pattern::Kind::kGlob);
  ASSERT_TRUE(p.compile("**/x*", &e, false, /*use_glob=*/false));
  EXPECT_EQ(p.kind(), Pattern::Kind::kRegexp);
  ASSERT_TRUE(p.compile("**/x[a.]", &e));  // `.` is rewritten inside the class
  EXPECT_EQ(p.kind(), Pattern::Kind::kRegexp);
}

TEST(Pattern, SuffixKindMatchesPartialNames) {
  // `**file` is a plain suffix test in patternmatcher: `myfile` matches.
  EXPECT_TRUE(m("**file", "dir/myfile"));
  EXPECT_TRUE(m("**/foo", "foo"));
  EXPECT_FALSE(m("**/foo", "xfoo"));
}

TEST(Pattern, StarAndQuestionDoNotCrossSlash) {
  EXPECT_TRUE(m("*.go", "a.go"));
  EXPECT_FALSE(m("*.go", "d/a.go"));
  EXPECT_FALSE(m("a?b", "a/b"));
  EXPECT_TRUE(m("a?b", "a\xE2\x82\xAC" "b"));  // one rune, three bytes
  EXPECT_TRUE(m("a/**/b", "a/b"));
  EXPECT_TRUE(m("a/**/b", "a/x/y/b"));
  EXPECT_FALSE(m("a/**/b", "ab"));
}

TEST(Pattern, RegexpSemanticsInheritedFromGo) {
  // Classes and escapes reach Go's regexp unchanged.
  EXPECT_TRUE(m("f\\d", "f7"));
  EXPECT_FALSE(m("f\\d", "fd"));
  EXPECT_TRUE(m("g[[:digit:]]", "g2"));
  EXPECT_FALSE(m("g[[:digit:]]", "gd"));
  EXPECT_TRUE(m("a[^b]c", "a/c"));  // a negated class crosses '/'
  // `[*]x` becomes `^[[^/]*]x$`: the class {[ ^ /} repeated, then a literal "]x".
  EXPECT_TRUE(m("[*]x", "]x"));
  EXPECT_TRUE(m("[*]x", "/^[]x"));
  EXPECT_FALSE(m("[*]x", "*x"));
  EXPECT_FALSE(m("x/**/y", "x/a\nb/y"));  // `.` never matches a newline
  EXPECT_TRUE(m("x*", "x\ny"));
  EXPECT_TRUE(m("a\\.b*", "a.bc"));
  EXPECT_TRUE(m("**/**/**/**/**/**/**/**/**/**/**/**/x*", std::string(200, 'a') + "/x"));
}

TEST(Pattern, InvalidUtf8IsOneRune) {
  EXPECT_TRUE(m("a?", "a\xFF"));
  EXPECT_TRUE(m("\xFF*", "\xFE"));  // both read as U+FFFD by Go
  EXPECT_TRUE(m("\xFF", "\xFF"));   // exact kind compares bytes
  EXPECT_FALSE(m("\xFF", "\xFE"));
}

TEST(Pattern, LiteralHeadAndTailFilterOnlyRejectsNonMatches) {
  // The regexp kind first checks the ASCII literals the pattern starts and
  // ends with; these cases sit on the edges of that shortcut.
  EXPECT_TRUE(m("caf?.txt", "caf\xE9.txt"));
  EXPECT_TRUE(m("\xE9*.txt", "\xFF.txt"));  // U+FFFD literal: not a byte test
  EXPECT_FALSE(m("\xE9*.txt", "e.txt"));
  EXPECT_TRUE(m("\\*.txt", "*.txt"));       // escaped `*` is a literal
  EXPECT_FALSE(m("\\*.txt", "a.txt"));
  EXPECT_TRUE(m("a[bc]d.txt", "abd.txt"));
  EXPECT_FALSE(m("a[bc]d.txt", "abd.tx"));
  EXPECT_TRUE(m("[*]x", "]x"));
  EXPECT_TRUE(m("**/*.log", "x.log"));
  EXPECT_TRUE(m("**/*.log", "a/b/c.log"));
  EXPECT_FALSE(m("**/*.log", "a/b.logx"));
  EXPECT_FALSE(m("a^b*", "a^bc"));  // `^` stays an anchor in the regexp
  EXPECT_TRUE(m("docs/**/file00[0-4]?.json", "docs/pkg/lib/file0031.json"));
  EXPECT_FALSE(m("docs/**/file00[0-4]?.json", "src/docs/file0031.json"));
  Pattern legacy;
  std::string e;
  ASSERT_TRUE(legacy.compile("dir/**", &e, true));  // 20.10: `^dir/.*$`
  EXPECT_TRUE(legacy.match("dir/x"));
  EXPECT_FALSE(legacy.match("dir"));
  ASSERT_TRUE(legacy.compile(".git", &e, true));
  EXPECT_TRUE(legacy.match(".git"));
  EXPECT_FALSE(legacy.match("a/.git"));
}

TEST(GoRegexp, AnchoredAndUnanchoredSearch) {
  GoRegexp re;
  std::string e;
  ASSERT_TRUE(re.compile(U"b+c", &e));
  EXPECT_TRUE(re.search("aaabbc"));  // unanchored: any start position
  ASSERT_TRUE(re.compile(U"^b+c", &e));
  EXPECT_FALSE(re.search("abbc"));   // anchored: only position 0
  EXPECT_TRUE(re.search("bbcx"));
  ASSERT_TRUE(re.compile(U"(^a)?b", &e));
  EXPECT_TRUE(re.search("xb"));      // optional anchor: still unanchored
}

TEST(Pattern, RegexpCompileErrorsAreSyntaxErrors) {
  Pattern p;
  std::string e;
  EXPECT_FALSE(p.compile("[z-a]", &e));  // valid for filepath.Match, not for regexp
  EXPECT_NE(e.find("syntax error in pattern"), std::string::npos);
  EXPECT_FALSE(p.compile("\\e", &e));
}

TEST(Matcher, ErrorsCarryLineAndDockerText) {
  try {
    Matcher::from_file_content("# comment\nok\n\n!\n", ".dockerignore");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), ".dockerignore:4: illegal exclusion pattern: \"!\"");
  }
  try {
    Matcher::from_file_content("ok\n  [\n", "sub/Dockerfile.dockerignore");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "sub/Dockerfile.dockerignore:2: syntax error in pattern: \"[\"");
  }
  // `!/` cleans to `!` inside patternmatcher.New.
  EXPECT_THROW(Matcher::from_file_content("!/\n", "x"), InputError);
}

TEST(IgnoreFile, ReaderRules) {
  auto lines = read_ignore_lines("\xEF\xBB\xBF/a/b/\r\n #c\n#d\n! /inv/\n\t\nx/../y\n!\n", "f");
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0].pattern, "a/b");
  EXPECT_EQ(lines[0].line, 1);
  EXPECT_EQ(lines[1].pattern, "#c");  // not in column 1: a pattern
  EXPECT_EQ(lines[2].pattern, "!inv");
  EXPECT_EQ(lines[2].line, 4);
  EXPECT_EQ(lines[3].pattern, "y");
  EXPECT_EQ(lines[4].pattern, "!");
  EXPECT_EQ(lines[4].line, 7);
}

TEST(Matcher, ParentResultsQuirk) {
  // MatchesUsingParentResults (what fsutil uses): `*/c` then `!a` keeps a/c
  // excluded because `!a` was skipped for the parent `a`.
  Matcher m = Matcher::from_patterns({"*/c", "!a"});
  std::vector<std::uint8_t> parent(2), child(2);
  EXPECT_FALSE(m.match_with_parent("a", nullptr, parent.data()).excluded);
  EXPECT_TRUE(m.match_with_parent("a/c", parent.data(), child.data()).excluded);
  EXPECT_FALSE(m.matches_or_parent_matches("a/c").excluded);
}

TEST(Matcher, SkipExcludedDirOnlyWhenNoExceptionInside) {
  Matcher m = Matcher::from_patterns({"docs", "!docs/README.md", "build"});
  EXPECT_FALSE(m.can_skip_excluded_dir("docs"));
  EXPECT_TRUE(m.can_skip_excluded_dir("build"));
  Matcher wild = Matcher::from_patterns({"docs", "!**/*.md"});
  EXPECT_FALSE(wild.can_skip_excluded_dir("docs"));  // wildcard exception: always walk
  Matcher none = Matcher::from_patterns({"docs"});
  EXPECT_TRUE(none.can_skip_excluded_dir("docs"));
}

}  // namespace
}  // namespace ballast::context
