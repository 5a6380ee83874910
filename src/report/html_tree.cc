#include "report/html_tree.h"

#include <algorithm>
#include <unordered_map>

namespace ballast::report {
namespace {

// Per directory and dimension: bytes below it by attribute value.
using Weights = std::array<std::unordered_map<std::int32_t, std::uint64_t>, kTreeDims>;

struct Raw {
  std::string_view name;
  std::uint64_t bytes = 0;
  std::uint64_t files = 0;
  TreeAttrs attrs{-1, -1, -1, -1, -1};
  bool directory = false;
  std::size_t parent = 0;
  std::vector<std::size_t> children;
  std::size_t weights = 0;  // directories: index into the weight pool
};

void add_weights(Weights& into, const Raw& leaf) {
  if (leaf.bytes == 0) return;
  for (std::size_t d = 0; d < kTreeDims; ++d)
    if (leaf.attrs[d] >= 0) into[d][leaf.attrs[d]] += leaf.bytes;
}

void merge_weights(Weights& into, const Weights& from) {
  for (std::size_t d = 0; d < kTreeDims; ++d)
    for (const auto& [value, bytes] : from[d]) into[d][value] += bytes;
}

TreeAttrs dominant(const Weights& w) {
  TreeAttrs out{-1, -1, -1, -1, -1};
  for (std::size_t d = 0; d < kTreeDims; ++d) {
    std::uint64_t best = 0;
    for (const auto& [value, bytes] : w[d])
      if (bytes > best || (bytes == best && bytes > 0 && value < out[d])) {
        best = bytes;
        out[d] = value;
      }
  }
  return out;
}

class Builder {
 public:
  explicit Builder(std::size_t max_children) : max_(max_children) {
    nodes_.push_back(Raw{});
    nodes_[0].directory = true;
    nodes_[0].weights = new_weights();
    dirs_[std::string_view()] = 0;
  }

  void add(const TreeItem& item) {
    std::string_view path = item.path;
    while (!path.empty() && path.back() == '/') path.remove_suffix(1);
    if (path.empty()) return;
    if (item.directory) {
      dir(path);
      return;
    }
    const std::size_t slash = path.rfind('/');
    const std::size_t parent = slash == std::string_view::npos ? 0 : dir(path.substr(0, slash));
    Raw leaf;
    leaf.name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    leaf.bytes = item.bytes;
    leaf.files = 1;
    leaf.attrs = item.attrs;
    leaf.parent = parent;
    nodes_.push_back(leaf);
    const std::size_t id = nodes_.size() - 1;
    nodes_[parent].children.push_back(id);
    for (std::size_t up = parent;; up = nodes_[up].parent) {
      nodes_[up].bytes += item.bytes;
      nodes_[up].files += 1;
      add_weights(pool_[nodes_[up].weights], nodes_[id]);
      if (up == 0) break;
    }
  }

  TreeNode finish() { return convert(0); }

 private:
  std::size_t new_weights() {
    pool_.emplace_back();
    return pool_.size() - 1;
  }

  // The directory node of `path`, made with its parents when missing.
  std::size_t dir(std::string_view path) {
    if (auto it = dirs_.find(path); it != dirs_.end()) return it->second;
    const std::size_t slash = path.rfind('/');
    const std::size_t parent = slash == std::string_view::npos ? 0 : dir(path.substr(0, slash));
    Raw d;
    d.name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    d.directory = true;
    d.parent = parent;
    d.weights = new_weights();
    nodes_.push_back(d);
    const std::size_t id = nodes_.size() - 1;
    nodes_[parent].children.push_back(id);
    dirs_[path] = id;
    return id;
  }

  TreeNode convert(std::size_t id) {
    const Raw& r = nodes_[id];
    TreeNode out;
    out.name = std::string(r.name);
    out.bytes = r.bytes;
    out.files = r.files;
    out.directory = r.directory;
    out.attrs = r.directory ? dominant(pool_[r.weights]) : r.attrs;
    if (!r.directory) return out;
    std::vector<std::size_t> kids = r.children;
    std::stable_sort(kids.begin(), kids.end(), [&](std::size_t a, std::size_t b) {
      if (nodes_[a].bytes != nodes_[b].bytes) return nodes_[a].bytes > nodes_[b].bytes;
      return nodes_[a].name < nodes_[b].name;
    });
    const std::size_t keep = max_ == 0 ? kids.size() : std::min(kids.size(), max_);
    for (std::size_t i = 0; i < keep; ++i) out.children.push_back(convert(kids[i]));
    if (keep < kids.size()) {
      TreeNode others;
      Weights w;
      for (std::size_t i = keep; i < kids.size(); ++i) {
        const Raw& k = nodes_[kids[i]];
        others.bytes += k.bytes;
        others.files += k.files;
        if (k.directory) merge_weights(w, pool_[k.weights]);
        else add_weights(w, k);
      }
      others.folded = kids.size() - keep;
      others.name = "[" + std::to_string(others.folded) + (others.folded == 1 ? " other]" : " others]");
      others.attrs = dominant(w);
      out.children.push_back(std::move(others));
    }
    return out;
  }

  std::size_t max_;
  std::vector<Raw> nodes_;
  std::vector<Weights> pool_;
  std::unordered_map<std::string_view, std::size_t> dirs_;
};

}  // namespace

TreeNode build_tree(const std::vector<TreeItem>& items, std::size_t max_children) {
  Builder b(max_children);
  for (const auto& item : items) b.add(item);
  return b.finish();
}

nlohmann::json tree_to_json(const TreeNode& node, std::size_t dims) {
  nlohmann::json attrs = nlohmann::json::array();
  for (std::size_t d = 0; d < dims && d < kTreeDims; ++d) attrs.push_back(node.attrs[d]);
  nlohmann::json out = nlohmann::json::array({node.name, node.bytes, node.files, std::move(attrs)});
  if (node.directory) {
    nlohmann::json kids = nlohmann::json::array();
    for (const auto& c : node.children) kids.push_back(tree_to_json(c, dims));
    out.push_back(std::move(kids));
  } else if (node.folded) {
    out.push_back(0);
  }
  return out;
}

}  // namespace ballast::report
