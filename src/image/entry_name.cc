#include "image/entry_name.h"

#include "image/tar_path.h"

namespace ballast::image {
namespace {

constexpr std::string_view kWhiteoutPrefix = ".wh.";
constexpr std::string_view kOpaqueMarker = ".wh..wh..opq";
constexpr std::string_view kMetaPrefix = ".wh..wh.";

}  // namespace

EntryName classify_entry_name(std::string_view path) {
  std::string_view base = base_name(path);
  if (!base.starts_with(kWhiteoutPrefix)) return {EntryName::Kind::kPlain, std::string(path)};
  if (base == kOpaqueMarker) return {EntryName::Kind::kOpaque, std::string(parent_path(path))};
  if (base.starts_with(kMetaPrefix)) return {EntryName::Kind::kSkip, {}};
  std::string_view parent = parent_path(path);
  std::string deleted = std::string(parent) + (parent.empty() ? "" : "/");
  deleted.append(base.substr(kWhiteoutPrefix.size()));
  return {EntryName::Kind::kWhiteout, std::move(deleted)};
}

}  // namespace ballast::image
