#include "context/tree_stats.h"

namespace ballast::context {

TreeStats compute_tree_stats(const ContextTree& tree) {
  TreeStats s;
  const std::size_t n = tree.entries.size();
  s.sent_bytes.assign(n, 0);
  s.sent_files.assign(n, 0);
  // Pre-order: children come after their parent, so a reverse pass sums up.
  for (std::size_t i = n; i-- > 0;) {
    const Entry& e = tree.entries[i];
    if (e.type != EntryType::kDir && e.sent) {
      s.sent_bytes[i] += e.size;
      s.sent_files[i] += 1;
    }
    if (e.parent >= 0) {
      s.sent_bytes[e.parent] += s.sent_bytes[i];
      s.sent_files[e.parent] += s.sent_files[i];
    }
  }
  return s;
}

std::string_view base_name(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace ballast::context
