// Drawing one frame of the explorer (explore_tui.cc runs the loop).
#pragma once

#include "explore/explorer.h"
#include "tui/layout.h"
#include "tui/screen_text.h"

namespace ballast::tui {

// Colour pairs, once has_colors() and NO_COLOR allow them.
void init_colors();

// Erases and draws the whole screen for its current size (LINES x COLS),
// telling the model how many rows each pane shows; returns the layout.
Layout draw(explore::Explorer& model);

}  // namespace ballast::tui
