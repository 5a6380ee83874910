// Colour codes and width cutting of report/text_style.h. Expected SGR
// sequences are written from ECMA-48 (5th ed., 8.3.117), not from the code.
#include "report/text_style.h"

#include <gtest/gtest.h>

namespace ballast::report {
namespace {

TEST(TextStyle, PaintsOnlyWithColour) {
  TextStyle colour{.color = true};
  EXPECT_EQ(paint(colour, Tone::kError, "x"), "\x1b[1;31mx\x1b[0m");  // bold, red foreground
  EXPECT_EQ(paint(colour, Tone::kWarning, "x"), "\x1b[33mx\x1b[0m");  // yellow
  EXPECT_EQ(paint(colour, Tone::kSaving, "x"), "\x1b[32mx\x1b[0m");   // green
  EXPECT_EQ(severity_word(colour, model::Severity::kInfo), "\x1b[36minfo\x1b[0m");
  EXPECT_EQ(paint(TextStyle{}, Tone::kError, "x"), "x");
  EXPECT_EQ(severity_word(TextStyle{}, model::Severity::kError), "error");
}

TEST(TextStyle, CutsLinesToTheWidth) {
  EXPECT_EQ(fit_to_width("abcdef\nab\n", 4), "abc\u2026\nab\n");
  EXPECT_EQ(fit_to_width("abcd", 4), "abcd");
  EXPECT_EQ(fit_to_width("abcdef", 0), "abcdef");  // 0: piped, never cut
  // Two-byte UTF-8 characters are one column each.
  EXPECT_EQ(fit_to_width("\u00e9\u00e9\u00e9\u00e9\u00e9", 3), "\u00e9\u00e9\u2026");
  // SGR takes no column; a cut inside colour ends with a reset.
  EXPECT_EQ(fit_to_width("\x1b[33mabcdef\x1b[0m", 4), "\x1b[33mabc\u2026\x1b[0m");
  EXPECT_EQ(fit_to_width("\x1b[33mabcd\x1b[0m", 4), "\x1b[33mabcd\x1b[0m");
}

}  // namespace
}  // namespace ballast::report
