#include "cache/cache_config.h"

#include <string>

#include "cache/layer_cache.h"
#include "util/byte_size.h"
#include "util/error.h"

namespace ballast::cache {

std::uint64_t parse_max_size(std::string_view text, std::string_view what) {
  if (auto n = parse_byte_size(text)) return *n;
  throw InputError(std::string(what) + ": '" + std::string(text) +
                   "' is not a size (bytes, or with a unit: 500MB, 2GiB)");
}

std::uint64_t configured_max_size(const config::ConfigFile& file) {
  auto section = file.section("cache");
  if (!section) return kDefaultMaxSize;
  auto value = section->get("max_size");
  if (!value) return kDefaultMaxSize;
  const std::string text = value->string("max_size");
  if (auto n = parse_byte_size(text)) return *n;
  value->fail("`max_size` must be a size (bytes, or with a unit: 500MB, 2GiB), not '" + text + "'");
}

}  // namespace ballast::cache
