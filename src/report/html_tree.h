// The file tree a treemap draws: paths with bytes and a few attributes
// (layer, category, package...) become nested directories whose sizes add
// up, each directory cut to its biggest children with the rest folded into
// one "[N others]" node, so a 100k-file image embeds in a page of a few MB
// and every directory still sums to the bytes below it (docs/html.md#the-tree).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace ballast::report {

// Attributes of a node, by dimension; -1 is "none". What each dimension
// means is the caller's (analyze_html.cc: layer, category, package, reason,
// hiding layer); a directory's and a folded node's value is the one holding
// the most bytes below it (ties: the smaller value).
inline constexpr std::size_t kTreeDims = 5;
using TreeAttrs = std::array<std::int32_t, kTreeDims>;

struct TreeItem {
  std::string_view path;  // relative, '/'-separated, no leading '/'
  std::uint64_t bytes = 0;
  bool directory = false;  // directories carry no bytes of their own
  TreeAttrs attrs{-1, -1, -1, -1, -1};
};

struct TreeNode {
  std::string name;
  std::uint64_t bytes = 0;  // of everything below (a leaf: its own)
  std::uint64_t files = 0;  // non-directory items below (a leaf: 1)
  TreeAttrs attrs{-1, -1, -1, -1, -1};
  bool directory = false;
  std::uint64_t folded = 0;  // > 0: this node stands for that many siblings
  std::vector<TreeNode> children;  // most bytes first, then by name
};

// The root is a directory named "". Items may come in any order; parents
// that no item names are made as directories; a path given twice (the
// reclaimable tree: one path hidden in two layers) gives two leaves.
// Directories with more than max_children children keep the biggest
// max_children and fold the rest into one node named "[N others]"
// ("[1 other]"). max_children 0 means no limit.
TreeNode build_tree(const std::vector<TreeItem>& items, std::size_t max_children);

// Compact JSON: [name, bytes, files, [attrs...]] for a leaf, with a fifth
// element for a directory (the children's array) or a folded node (0).
// Only the first `dims` attributes are written.
nlohmann::json tree_to_json(const TreeNode& node, std::size_t dims);

}  // namespace ballast::report
