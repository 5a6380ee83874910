#include "image/image_model.h"

#include <algorithm>

namespace ballast::image {

std::string_view to_string(ShadowReason r) {
  switch (r) {
    case ShadowReason::kDeleted: return "deleted";
    case ShadowReason::kOpaque: return "opaque";
    case ShadowReason::kOverwritten: return "overwritten";
    case ShadowReason::kRewrittenSameContent: return "rewritten-same-content";
  }
  return "unknown";
}

const std::string* ImageModel::captured_contents(EntryRef r) const {
  if (r.layer < 0 || static_cast<std::size_t>(r.layer) >= captured.size()) return nullptr;
  const auto& layer = captured[r.layer];
  auto it = std::lower_bound(layer.begin(), layer.end(), r.entry,
                             [](const auto& item, std::uint32_t e) { return item.first < e; });
  return it != layer.end() && it->first == r.entry ? &it->second : nullptr;
}

}  // namespace ballast::image
