// `ballast cache info` and `ballast cache prune` as text or JSON (kind
// "cache", docs/json-schema.md).
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "cache/entry_files.h"

namespace ballast::report {

struct CacheInfo {
  std::string dir;  // the layers/ folder
  std::uint64_t max_size = 0;
  cache::FolderSummary summary;
};

std::string render_cache_info_text(const CacheInfo& info, bool exact);
nlohmann::json cache_info_to_json(const CacheInfo& info);
std::string render_cache_prune_text(const std::string& dir, const cache::PruneResult& r, bool exact);

}  // namespace ballast::report
