// Go text functions, checked against the outputs Go's own documentation and
// tests give (path/filepath Clean examples, strings.TrimSpace, the
// strconv.Quote example "Fran & Freddie's Diner" and quote_test.go's cases).
#include <gtest/gtest.h>

#include "util/go_text.h"

namespace ballast::go_text {
namespace {

TEST(GoText, CleanLikeFilepathClean) {
  EXPECT_EQ(clean_path(""), ".");
  EXPECT_EQ(clean_path("dir/"), "dir");
  EXPECT_EQ(clean_path("/"), "/");
  EXPECT_EQ(clean_path("//a//b/./c/.."), "/a/b");
  EXPECT_EQ(clean_path("../../a"), "../../a");
  EXPECT_EQ(clean_path("/../a"), "/a");
  EXPECT_EQ(clean_path("a/../.."), "..");
  EXPECT_EQ(clean_path("./"), ".");
}

TEST(GoText, TrimSpaceIsUnicode) {
  EXPECT_EQ(trim_space(" \t a b \r\n"), "a b");
  EXPECT_EQ(trim_space("\xC2\xA0x\xE3\x80\x80"), "x");  // NBSP, ideographic space
  EXPECT_EQ(trim_space("x\xFF"), "x\xFF");              // invalid byte is not space
}

TEST(GoText, QuoteLikeStrconvQuote) {
  // strconv ExampleQuote: the tab is escaped, the smiley printed as is.
  EXPECT_EQ(quote("\"Fran & Freddie's Diner\t\u263A\""), "\"\\\"Fran & Freddie's Diner\\t\u263A\\\"\"");
  // quote_test.go: controls, DEL, an invalid byte, a non-printing rune.
  EXPECT_EQ(quote("\a\b\f\r\n\t\v"), "\"\\a\\b\\f\\r\\n\\t\\v\"");
  EXPECT_EQ(quote("\x7f"), "\"\\x7f\"");
  EXPECT_EQ(quote("\xff"), "\"\\xff\"");
  EXPECT_EQ(quote("\u00a0"), "\"\\u00a0\"");
  EXPECT_EQ(quote("\U0010ffff"), "\"\\U0010ffff\"");
}

TEST(GoText, IsSpaceIsWhiteSpace) {
  for (char32_t r : {U' ', U'\t', U'\n', U'\v', U'\f', U'\r', U'\u0085', U'\u00a0', U'\u1680', U'\u2000',
                     U'\u200a', U'\u2028', U'\u2029', U'\u202f', U'\u205f', U'\u3000'})
    EXPECT_TRUE(is_space(r)) << static_cast<unsigned>(r);
  for (char32_t r : {U'x', U'\u200b', U'\ufeff', U'\u180e'}) EXPECT_FALSE(is_space(r)) << static_cast<unsigned>(r);
}

}  // namespace
}  // namespace ballast::go_text
