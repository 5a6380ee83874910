// Putting UTF-8 text on an ncurses screen by display columns: wide and
// combining characters are measured with wcwidth(3), so a row never spills
// into the next pane. The text must already be display-safe
// (explore::display_text).
#pragma once

#include <string>
#include <string_view>

namespace ballast::tui {

// Writes `text` at (y, x), cut to `width` columns ("~" marks a cut) and
// padded with spaces to exactly `width`, in the current attributes.
void put_text(int y, int x, int width, std::string_view text);

// Display columns of `text`.
int text_width(std::string_view text);

}  // namespace ballast::tui
