#include "context/context_source.h"

#include <algorithm>

#include "context/glob_syntax.h"
#include "util/error.h"

namespace ballast::context {

namespace {

// BuildKit's containsWildcards: `*`, `?`, `[`, a backslash escaping the next byte.
bool contains_wildcards(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '*' || s[i] == '?' || s[i] == '[') {
      return true;
    }
  }
  return false;
}

// The directories leading up to the first component with a wildcard or an
// escape ("" when it is the first): where a glob's matches can be.
std::string_view literal_dirs(std::string_view glob) {
  std::size_t literal_end = 0;
  for (std::size_t start = 0;;) {
    std::size_t slash = glob.find('/', start);
    if (slash == std::string_view::npos) break;
    std::string_view part = glob.substr(start, slash - start);
    if (part.find_first_of("*?[\\") != std::string_view::npos) break;
    literal_end = slash;
    start = slash + 1;
  }
  return glob.substr(0, literal_end);
}

// One byte per rule per depth below a root: the parent results patternmatcher
// passes down (pre-order: the last entry seen one level up is the parent).
class DepthBytes {
 public:
  explicit DepthBytes(std::size_t rules) : rules_(rules) {}
  const std::uint8_t* parent(std::size_t depth) const {
    return depth == 0 || rules_ == 0 ? nullptr : bytes_.data() + (depth - 1) * rules_;
  }
  std::uint8_t* at(std::size_t depth) {
    if (bytes_.size() < (depth + 1) * rules_) bytes_.resize((depth + 1) * rules_);
    return bytes_.data() + depth * rules_;
  }

 private:
  std::size_t rules_;
  std::vector<std::uint8_t> bytes_;
};

// What the copier decides for one path below a root, given the results of its
// parent directory.
struct Filter {
  const Matcher& include;
  const Matcher& exclude;
  bool parents;
  DepthBytes in, ex;

  Filter(const Matcher& i, const Matcher& e, bool p)
      : include(i), exclude(e), parents(p), in(i.rules().size()), ex(e.rules().size()) {}

  bool keeps(std::string_view rel, std::size_t depth) {
    bool keep = true;
    // at() first: it may grow the buffer, which moves the parent's row. As
    // two arguments of one call the order was unspecified: gcc happened to
    // call at() first, clang read the parent through a freed pointer (found
    // by ASan in ChangedSources.*, tests/unit/context).
    if (parents) {
      std::uint8_t* row = in.at(depth);
      keep = include.match_with_parent(rel, in.parent(depth), row).excluded;
    }
    if (!exclude.empty()) {
      std::uint8_t* row = ex.at(depth);
      if (exclude.match_with_parent(rel, ex.parent(depth), row).excluded) keep = false;
    }
    return keep;
  }
};

}  // namespace

TreeIndex::TreeIndex(const ContextTree& tree) : end_(tree.entries.size()), depth_(tree.entries.size()) {
  const std::size_t n = tree.entries.size();
  for (std::size_t i = 0; i < n; ++i) {
    const std::int32_t p = tree.entries[i].parent;
    depth_[i] = p < 0 ? 0 : depth_[p] + 1;
    end_[i] = static_cast<std::uint32_t>(i + 1);
  }
  for (std::size_t i = n; i-- > 0;) {
    const std::int32_t p = tree.entries[i].parent;
    if (p >= 0) end_[p] = std::max(end_[p], end_[i]);
  }
}

long TreeIndex::find(const ContextTree& tree, std::string_view path) const {
  std::size_t lo = 0, hi = end_.size();
  for (std::size_t start = 0;;) {
    const std::size_t slash = path.find('/', start);
    const std::string_view prefix = path.substr(0, slash);
    std::size_t j = lo;
    while (j < hi && tree.path(tree.entries[j]) != prefix) j = end_[j];
    if (j >= hi) return -1;
    if (slash == std::string_view::npos) return static_cast<long>(j);
    lo = j + 1;
    hi = end_[j];
    start = slash + 1;
  }
}

bool ContextSource::compile() {
  bool ok = true;
  include_ = Matcher();
  exclude_ = Matcher();
  try {
    if (parents) include_ = Matcher::from_patterns({include});
  } catch (const InputError&) {
    ok = false;
  }
  try {
    exclude_ = Matcher::from_patterns(excludes);
  } catch (const InputError&) {
    ok = false;
  }
  return ok;
}

bool ContextSource::required() const {
  return !contains_wildcards(root) && !(parents && contains_wildcards(include));
}

bool ContextSource::keeps(std::string_view rel) const {
  Filter filter(include_, exclude_, parents);
  bool keep = true;
  std::size_t depth = 0;
  for (std::size_t start = 0;; ++depth) {
    const std::size_t slash = rel.find('/', start);
    keep = filter.keeps(rel.substr(0, slash), depth);
    if (slash == std::string_view::npos) return keep;
    start = slash + 1;
  }
}

bool ContextSource::reaches(std::string_view path) const {
  if (path == ".") return true;  // the whole context changed
  std::string_view rel = path;
  if (!root.empty() && !root_glob) {
    if (path == root) {
      rel = {};
    } else if (path.size() > root.size() && path.starts_with(root) && path[root.size()] == '/') {
      rel = path.substr(root.size() + 1);
    } else {
      return false;
    }
  } else if (root_glob) {
    // A match has as many components as the glob (`*` never matches '/').
    const std::size_t slashes = static_cast<std::size_t>(std::count(root.begin(), root.end(), '/'));
    std::size_t cut = std::string_view::npos;
    for (std::size_t i = 0, seen = 0; i < path.size(); ++i) {
      if (path[i] == '/' && seen++ == slashes) {
        cut = i;
        break;
      }
    }
    if (!go_filepath_match(root, path.substr(0, cut))) return false;
    rel = cut == std::string_view::npos ? std::string_view() : path.substr(cut + 1);
  }
  if (rel.empty()) return !parents;  // a root itself is never filtered
  return !filtered() || keeps(rel);
}

void ContextSource::for_each_reached(const ContextTree& tree, const TreeIndex& index,
                                     const std::function<void(std::size_t)>& visit) const {
  const std::size_t n = tree.entries.size();
  auto below = [&](long top) {  // the entries under one root; top -1 = the context root
    const std::size_t begin = top < 0 ? 0 : static_cast<std::size_t>(top) + 1;
    const std::size_t end = top < 0 ? n : index.end(static_cast<std::size_t>(top));
    if (top >= 0 && !parents) visit(static_cast<std::size_t>(top));
    if (!filtered()) {
      for (std::size_t i = begin; i < end; ++i) visit(i);
      return;
    }
    const std::size_t strip = top < 0 ? 0 : tree.path(tree.entries[top]).size() + 1;
    const std::uint32_t base = top < 0 ? 0 : index.depth(static_cast<std::size_t>(top)) + 1;
    Filter filter(include_, exclude_, parents);
    for (std::size_t i = begin; i < end; ++i) {
      if (filter.keeps(tree.path(tree.entries[i]).substr(strip), index.depth(i) - base)) visit(i);
    }
  };
  if (root.empty()) return below(-1);
  if (!root_glob) {
    const long top = index.find(tree, root);
    if (top >= 0) below(top);
    return;
  }
  std::size_t lo = 0, hi = n;
  if (std::string_view dirs = literal_dirs(root); !dirs.empty()) {
    const long base = index.find(tree, dirs);
    if (base < 0) return;
    lo = static_cast<std::size_t>(base) + 1;
    hi = index.end(static_cast<std::size_t>(base));
  }
  const auto target = static_cast<std::uint32_t>(std::count(root.begin(), root.end(), '/'));
  for (std::size_t j = lo; j < hi;) {
    if (index.depth(j) < target) {
      ++j;
      continue;
    }
    if (go_filepath_match(root, tree.path(tree.entries[j]))) below(static_cast<long>(j));
    j = index.end(j);
  }
}

}  // namespace ballast::context
