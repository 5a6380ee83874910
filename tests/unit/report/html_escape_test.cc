// html_escape() and script_json() on hostile names; every expected string is
// written out by hand from the HTML spec's character references and the
// Unicode code charts (Control Pictures U+2400-U+2421, U+FFFD).
#include "report/html_escape.h"

#include <gtest/gtest.h>

namespace ballast::report {
namespace {

TEST(HtmlEscape, MarkupCharactersBecomeReferences) {
  EXPECT_EQ(html_escape("<img src=x onerror='a(1)'>&\""),
            "&lt;img src=x onerror=&#39;a(1)&#39;&gt;&amp;&quot;");
  EXPECT_EQ(html_escape("plain/path-1.txt"), "plain/path-1.txt");
  EXPECT_EQ(html_escape(""), "");
}

TEST(HtmlEscape, ControlCharactersBecomeVisiblePictures) {
  // LF U+000A -> U+240A (E2 90 8A); TAB -> U+2409 (E2 90 89); NUL -> U+2400; DEL -> U+2421 (E2 90 A1).
  EXPECT_EQ(html_escape("a\nb"), "a\xE2\x90\x8A" "b");
  EXPECT_EQ(html_escape("\t"), "\xE2\x90\x89");
  EXPECT_EQ(html_escape(std::string("x\0y", 3)), "x\xE2\x90\x80y");
  EXPECT_EQ(html_escape("\x7f"), "\xE2\x90\xA1");
}

TEST(HtmlEscape, InvalidUtf8BecomesReplacementCharacters) {
  EXPECT_EQ(html_escape("caf\xC3\xA9"), "caf\xC3\xA9");             // valid é is kept
  EXPECT_EQ(html_escape("a\xFF" "b"), "a\xEF\xBF\xBD" "b");         // a lone 0xFF
  EXPECT_EQ(html_escape("\xC3"), "\xEF\xBF\xBD");                   // truncated sequence
  EXPECT_EQ(html_escape("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");   // overlong '/': two bad bytes
  EXPECT_EQ(html_escape("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  EXPECT_EQ(html_escape("\xEF\xBF\xBD"), "\xEF\xBF\xBD");           // a real U+FFFD stays one
  EXPECT_EQ(html_escape("\xF0\x9F\x93\xA6<"), "\xF0\x9F\x93\xA6&lt;");  // 4-byte U+1F4E6
}

TEST(ScriptJson, CannotCloseTheScriptElementOrOpenAComment) {
  nlohmann::json doc = {{"p", "</script><script>alert(1)</script><!-- & -->"}};
  const std::string text = script_json(doc);
  EXPECT_EQ(text.find('<'), std::string::npos);
  EXPECT_EQ(text.find('>'), std::string::npos);
  EXPECT_EQ(text.find('&'), std::string::npos);
  EXPECT_EQ(text, R"({"p":"\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e\u003c!-- \u0026 --\u003e"})");
  EXPECT_EQ(nlohmann::json::parse(text), doc);
}

TEST(ScriptJson, InvalidUtf8IsReplacedNotFatal) {
  nlohmann::json doc = nlohmann::json::array({"a\xFF" "b", "line\nbreak"});
  const nlohmann::json back = nlohmann::json::parse(script_json(doc));
  EXPECT_EQ(back[0], "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(back[1], "line\nbreak");
}

}  // namespace
}  // namespace ballast::report
