#include "explore/file_tree.h"

#include <algorithm>
#include <unordered_map>

#include "report/fs_tree_items.h"

namespace ballast::explore {

char mark_letter(Mark m) {
  switch (m) {
    case Mark::kAdded: return 'A';
    case Mark::kModified: return 'M';
    case Mark::kRemoved: return 'R';
    case Mark::kNone: break;
  }
  return ' ';
}

void FileTree::flatten(const report::TreeNode& n, std::uint32_t parent, std::uint32_t depth) {
  const auto id = static_cast<std::uint32_t>(nodes_.size());
  nodes_.emplace_back();
  Node& out = nodes_.back();
  out.name = n.name;
  out.parent = parent;
  out.depth = depth;
  out.bytes = n.bytes;
  out.files = n.files;
  out.layer = n.attrs[report::kDimLayer];
  out.category = n.attrs[report::kDimCategory];
  out.package = n.attrs[report::kDimPackage];
  out.directory = n.directory;
  if (parent != kNoNode) nodes_[parent].by_size.push_back(id);
  // build_tree sorted the children by bytes, then name: that order is by_size.
  for (const auto& c : n.children) flatten(c, id, depth + 1);
  Node& self = nodes_[id];
  self.by_name = self.by_size;
  std::sort(self.by_name.begin(), self.by_name.end(),
            [this](std::uint32_t a, std::uint32_t b) { return nodes_[a].name < nodes_[b].name; });
}

FileTree FileTree::from_items(const std::vector<report::TreeItem>& items) {
  FileTree t;
  t.nodes_.reserve(items.size() + 1);
  t.flatten(report::build_tree(items, 0), kNoNode, 0);
  return t;
}

FileTree FileTree::from_marked(const std::vector<MarkedItem>& marked) {
  std::vector<report::TreeItem> items;
  items.reserve(marked.size());
  for (const auto& m : marked) items.push_back(m.item);
  FileTree t = from_items(items);
  // Marks belong to paths (a directory's own entry too), so they are put on
  // after the tree is built rather than carried as a dominant attribute.
  std::unordered_map<std::string_view, const MarkedItem*> by_path;
  for (const auto& m : marked) {
    std::string_view p = m.item.path;
    while (!p.empty() && p.back() == '/') p.remove_suffix(1);
    by_path[p] = &m;
  }
  std::string path;
  for (std::uint32_t id = 1; id < t.nodes_.size(); ++id) {
    path = t.path(id).substr(1);
    if (auto it = by_path.find(path); it != by_path.end()) {
      t.nodes_[id].mark = it->second->mark;
      t.nodes_[id].hidden = it->second->hidden;
    }
  }
  return t;
}

std::string FileTree::path(std::uint32_t id) const {
  if (id == root()) return "/";
  std::vector<std::uint32_t> chain;
  for (std::uint32_t n = id; n != root() && n != kNoNode; n = nodes_[n].parent) chain.push_back(n);
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) out += "/" + nodes_[*it].name;
  return out;
}

std::uint32_t FileTree::find(std::string_view path) const {
  if (nodes_.empty()) return kNoNode;
  std::uint32_t at = root();
  while (!path.empty()) {
    while (!path.empty() && path.front() == '/') path.remove_prefix(1);
    if (path.empty()) break;
    const std::size_t slash = path.find('/');
    const std::string_view part = path.substr(0, slash);
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash);
    const auto& kids = nodes_[at].by_name;
    auto it = std::lower_bound(kids.begin(), kids.end(), part,
                               [this](std::uint32_t k, std::string_view p) { return nodes_[k].name < p; });
    if (it == kids.end() || nodes_[*it].name != part) return kNoNode;
    at = *it;
  }
  return at;
}

}  // namespace ballast::explore
