// The analysis report's filesystems as html_tree items: the final
// filesystem and the reclaimable bytes, each item carrying the layer that
// added it and (when attributed) its category and owning package. The HTML
// page's treemap and `ballast explore`'s file tree are built from the same
// items, so the two show the same bytes (docs/html.md#the-tree).
#pragma once

#include <vector>

#include "report/html_tree.h"

namespace ballast::analysis {
struct AnalyzeReport;
}

namespace ballast::report {

// Dimensions of the items' TreeAttrs, in order.
enum TreeDim { kDimLayer = 0, kDimCategory = 1, kDimPackage = 2, kDimReason = 3, kDimHiddenBy = 4 };

// A regular file weighs its size; a hardlink weighs nothing when its target
// is a visible regular file (the bytes are counted there, once), else the
// first hardlink to that target carries them: so the root weighs
// ImageModel::final_bytes. Items point into the report (keep it alive).
std::vector<TreeItem> final_tree_items(const analysis::AnalyzeReport& report);

// Every reclaimable item: its size, added layer, reason and hiding layer.
std::vector<TreeItem> reclaimable_tree_items(const analysis::AnalyzeReport& report);

}  // namespace ballast::report
