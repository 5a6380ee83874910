// The direct glob matcher (glob_match.h) must answer exactly like the regexp
// patternmatcher builds for the same pattern: hand-checked cases first, then
// a differential run of many generated patterns and paths (runes, '\n',
// invalid bytes, slashes) through both Pattern::match paths.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "context/pattern.h"

namespace ballast::context {
namespace {

Pattern compiled(const std::string& text, bool use_glob, bool regexp_only = false) {
  Pattern p;
  std::string error;
  EXPECT_TRUE(p.compile(text, &error, regexp_only, use_glob)) << text << ": " << error;
  return p;
}

TEST(GlobMatch, CommonPatternsTakeTheDirectPath) {
  for (const char* text :
       {"**/*.log", "*.pyc", "docs/**/*.md", "a?c", "tests/*/lib/*.txt", "x**y", "*.py[cod]", "v[0-9]*", "[^a-m]*.md"})
    EXPECT_EQ(compiled(text, true).kind(), Pattern::Kind::kGlob) << text;
  // Escapes, anchors, non-ASCII runes and classes the compiler rewrites
  // inside (`[.]` becomes `[\.]`, `[*]` becomes `[[^/]*]`) keep the regexp.
  for (const char* text : {"f\\d*", "a*^b", "caf\xc3\xa9*", "*[.]x", "x[*]", "[[:digit:]]*", "x[/]"})
    EXPECT_EQ(compiled(text, true).kind(), Pattern::Kind::kRegexp) << text;
}

TEST(GlobMatch, HandCheckedAnswers) {
  struct Case {
    const char* pattern;
    const char* path;
    bool match;
  };
  const Case cases[] = {
      {"**/*.log", "x.log", true},           {"**/*.log", "a/b/x.log", true},
      {"**/*.log", "a/x.logs", false},       {"**/*.log", "a\n/x.log", false},  // `.` stops at '\n'
      {"*.log", "a/x.log", false},           {"*", "a\nb", true},               // [^/] takes '\n'
      {"a?c", "a\xc3\xa9" "c", true},        {"a?c", "a\xff" "c", true},        // one rune, one bad byte
      {"a??c", "a\xc3\xa9" "c", false},      {"a?c", "a/c", false},
      {"docs/**/file", "docs/file", true},   {"docs/**/file", "docs/x/y/file", true},
      {"docs/**/file", "docsfile", false},   {"x**y", "x/a/y", true},
      {"x**y", "xy", true},                  {"a/**/**/b", "a/b", true},
      {"*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false},
      {"*.py[cod]", "x.pyc", true},          {"*.py[cod]", "x.pyd", true},
      {"*.py[cod]", "x.pyx", false},         {"*.py[cod]", "x.py", false},
      {"x[^a]", "x/", true},                 {"x[^a]", "x\n", true},            // a negated class takes '/', '\n'
      {"x[^a]", "x\xc3\xa9", true},          {"x[^a]y", "x\xc3\xa9y", true},     // one rune
      {"x[a-c]", "x\xc3\xa9", false},        {"v[0-9]", "v5", true},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(compiled(c.pattern, true).match(c.path), c.match) << c.pattern << " ~ " << c.path;
    EXPECT_EQ(compiled(c.pattern, false).match(c.path), c.match) << "regexp: " << c.pattern << " ~ " << c.path;
  }
}

TEST(GlobMatch, SameAnswersAsTheRegexpOnGeneratedInput) {
  const std::vector<std::string> pattern_pieces = {"a",  "b",  ".",    "/",     "*",     "?",    "**",
                                                   "**/", "+",  "(",    "$",     "[ab]",  "[^a]", "[a-c]",
                                                   "[^b-z]", "[b]", "[!]", "[a-]"};
  const std::vector<std::string> path_pieces = {"a", "b", ".", "/", "/", "\n", "\xc3\xa9", "\xff", "+", "$"};
  std::mt19937 rng(20261201);
  auto pick = [&](const std::vector<std::string>& from, int max_len) {
    std::string s;
    const int n = 1 + static_cast<int>(rng() % max_len);
    for (int i = 0; i < n; ++i) s += from[rng() % from.size()];
    return s;
  };
  int compared = 0, matched = 0;
  for (int i = 0; i < 3000; ++i) {
    const std::string text = pick(pattern_pieces, 7);
    for (bool legacy : {false, true}) {
      Pattern fast, slow;
      std::string e1, e2;
      const bool ok = fast.compile(text, &e1, legacy, true);
      ASSERT_EQ(ok, slow.compile(text, &e2, legacy, false)) << text;
      if (!ok || fast.kind() != Pattern::Kind::kGlob) continue;
      for (int j = 0; j < 40; ++j) {
        const std::string path = pick(path_pieces, 9);
        const bool m = slow.match(path);
        ASSERT_EQ(fast.match(path), m) << "pattern " << text << " path " << path << (legacy ? " (20.10)" : "");
        ++compared;
        matched += m;
      }
    }
  }
  // Enough of both answers for the comparison to mean something.
  EXPECT_GT(compared, 50000);
  EXPECT_GT(matched, 2000);
}

}  // namespace
}  // namespace ballast::context
