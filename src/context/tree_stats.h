// Per-entry totals of what is sent below each directory of a walked context
// (a file counts itself when sent). Computed once, read by the report parts.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "context/walker.h"

namespace ballast::context {

struct TreeStats {
  std::vector<std::uint64_t> sent_bytes;  // parallel to ContextTree::entries
  std::vector<std::uint64_t> sent_files;
};

TreeStats compute_tree_stats(const ContextTree& tree);

// The last path component.
std::string_view base_name(std::string_view path);

}  // namespace ballast::context
