// Each layer's own entries as tree items, marked with what they did to the
// filesystem the layers below had made: added, modified (replaced), or
// removed (a whiteout, weighing the lower bytes it deletes). The layers are
// replayed in order, removals before additions, as analysis/merged_fs.cc
// applies them (OCI image-spec layer.md); a file's bytes are its tar size,
// so a layer's tree weighs LayerSummary::files_size.
#pragma once

#include <vector>

#include "explore/file_tree.h"

namespace ballast::analysis {
struct AnalyzeReport;
}

namespace ballast::explore {

// One vector per layer; items point into the report (keep it alive).
std::vector<std::vector<MarkedItem>> layer_items(const analysis::AnalyzeReport& report);

}  // namespace ballast::explore
