#include "cache/cache_location.h"

#include <cstdlib>

namespace ballast::cache {

std::filesystem::path default_cache_root() {
  // The spec: a relative XDG_CACHE_HOME is invalid and ignored.
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && xdg[0] == '/') return std::filesystem::path(xdg) / "ballast";
  if (const char* home = std::getenv("HOME"); home && home[0]) return std::filesystem::path(home) / ".cache" / "ballast";
  return {};
}

}  // namespace ballast::cache
