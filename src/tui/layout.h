// Where each pane of the explorer goes on a screen of a given size: the
// title line, the layers, findings and packages stacked on the left, the
// file tree on the right, the detail and key lines at the bottom. Pure
// arithmetic, shared by drawing and by mouse hit-testing.
#pragma once

#include "explore/explorer.h"

namespace ballast::tui {

struct Box {
  int y = 0, x = 0, h = 0, w = 0;
  int rows() const { return h > 3 ? h - 3 : 0; }  // border, one header line, border
  int first_row() const { return y + 2; }
  bool contains(int py, int px) const { return py >= y && py < y + h && px >= x && px < x + w; }
};

struct Layout {
  bool too_small = false;
  Box panes[explore::kPaneCount];
  int detail_y = 0, keys_y = 0, width = 0;
};

inline constexpr int kMinWidth = 60, kMinHeight = 16;

Layout layout_for(int height, int width);

}  // namespace ballast::tui
