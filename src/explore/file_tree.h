// One file tree of `ballast explore`: the final filesystem, or the entries of
// one layer with what each did to the layers below (added, modified,
// removed). Built once from html_tree's nested tree (report/html_tree.h, the
// same sizes the HTML treemap draws) and flattened into an indexed array, so
// every key the explorer answers walks only the rows it shows.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "report/html_tree.h"

namespace ballast::explore {

// What a layer's entry did to the filesystem below it (docs/explore.md#marks).
enum class Mark : std::uint8_t {
  kNone,      // the final tree, or a directory the layer merely lists again
  kAdded,     // the path did not exist below
  kModified,  // the path existed below and this layer replaced it
  kRemoved,   // a whiteout: the path (and all below it) is deleted
};
char mark_letter(Mark m);  // ' ', 'A', 'M', 'R'

inline constexpr std::uint32_t kNoNode = ~std::uint32_t{0};

struct Node {
  std::string name;
  std::uint32_t parent = kNoNode;  // the root has none
  std::uint32_t depth = 0;         // the root is 0
  std::uint64_t bytes = 0;         // everything below (a file: its own)
  std::uint64_t files = 0;         // non-directory entries below (a file: 1)
  std::uint64_t hidden = 0;        // a removal: the lower bytes it deletes
  std::int32_t layer = -1;         // the layer of the entry (a directory: of most bytes below)
  std::int32_t category = -1;      // into the attribution's category names
  std::int32_t package = -1;       // into the attribution's packages
  Mark mark = Mark::kNone;
  bool directory = false;
  std::vector<std::uint32_t> by_size;  // children: most bytes first, then name
  std::vector<std::uint32_t> by_name;  // children: by name (bytewise)
};

// An item with what the layer did to it (Mark), for a layer's tree.
struct MarkedItem {
  report::TreeItem item;
  Mark mark = Mark::kNone;
  std::uint64_t hidden = 0;
};

class FileTree {
 public:
  FileTree() = default;
  // Items as report::build_tree takes them; attrs are read as
  // report::TreeDim (layer, category, package).
  static FileTree from_items(const std::vector<report::TreeItem>& items);
  static FileTree from_marked(const std::vector<MarkedItem>& items);

  const Node& node(std::uint32_t id) const { return nodes_[id]; }
  std::size_t size() const { return nodes_.size(); }
  static constexpr std::uint32_t root() { return 0; }

  // "/usr/lib/x" (the root is "/").
  std::string path(std::uint32_t id) const;
  // The node of an absolute or relative path, or kNoNode.
  std::uint32_t find(std::string_view path) const;

 private:
  void flatten(const report::TreeNode& n, std::uint32_t parent, std::uint32_t depth);
  std::vector<Node> nodes_;
};

}  // namespace ballast::explore
