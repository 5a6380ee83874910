#include "image/layer_table.h"

#include <limits>

#include "util/error.h"

namespace ballast::image {

std::string_view to_string(EntryType t) {
  switch (t) {
    case EntryType::kFile: return "file";
    case EntryType::kDirectory: return "dir";
    case EntryType::kSymlink: return "symlink";
    case EntryType::kHardlink: return "hardlink";
    case EntryType::kCharDevice: return "char";
    case EntryType::kBlockDevice: return "block";
    case EntryType::kFifo: return "fifo";
    case EntryType::kWhiteout: return "whiteout";
    case EntryType::kOpaque: return "opaque";
  }
  return "unknown";
}

std::uint32_t LayerTable::add_string(std::string_view s) {
  if (arena_.size() + s.size() > std::numeric_limits<std::uint32_t>::max())
    throw InputError("layer path table exceeds 4 GiB of names");
  auto offset = static_cast<std::uint32_t>(arena_.size());
  arena_.append(s);
  return offset;
}

}  // namespace ballast::image
