// The one-line rule for error messages (util/error_line.h). The input is
// what fuzz/shell_lex_fuzz.cc found: BuildKit's lexer quotes the word it
// failed on, and a word can hold a newline.
#include "util/error_line.h"

#include <gtest/gtest.h>

namespace ballast {
namespace {

TEST(ErrorLine, EscapesControlBytesKeepsTheRest) {
  EXPECT_EQ(error_line("failed to process \"e\nllo ${A\n\": unsupported modifier (\n) in substitution"),
            "failed to process \"e\\nllo ${A\\n\": unsupported modifier (\\n) in substitution");
  EXPECT_EQ(error_line(std::string("a\tb\rc\x1b[31md\x7f\x01", 13)), "a\\tb\\rc\\x1b[31md\\x7f\\x01");
  // UTF-8 and quotes stay as written.
  EXPECT_EQ(error_line("caf\xc3\xa9 'x' \"y\" \\"), "caf\xc3\xa9 'x' \"y\" \\");
  EXPECT_EQ(error_line(""), "");
}

}  // namespace
}  // namespace ballast
