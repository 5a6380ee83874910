#include "tui/layout.h"

#include <algorithm>

namespace ballast::tui {

Layout layout_for(int height, int width) {
  Layout l;
  l.width = width;
  if (height < kMinHeight || width < kMinWidth) {
    l.too_small = true;
    return l;
  }
  const int body = height - 3;  // title above; detail and keys below
  const int left = std::clamp(width * 2 / 5, 30, 64);
  const int layers = std::max(5, body * 2 / 5);
  const int findings = std::max(4, (body - layers) / 2);
  const int packages = body - layers - findings;
  using explore::Pane;
  l.panes[static_cast<int>(Pane::kLayers)] = {1, 0, layers, left};
  l.panes[static_cast<int>(Pane::kFindings)] = {1 + layers, 0, findings, left};
  l.panes[static_cast<int>(Pane::kPackages)] = {1 + layers + findings, 0, packages, left};
  l.panes[static_cast<int>(Pane::kTree)] = {1, left, body, width - left};
  l.detail_y = height - 2;
  l.keys_y = height - 1;
  return l;
}

}  // namespace ballast::tui
