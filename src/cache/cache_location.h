// Where the cache lives by default: $XDG_CACHE_HOME/ballast (the XDG Base
// Directory spec), else ~/.cache/ballast. Layer entries go in its layers/
// folder, so later caches can sit beside them.
#pragma once

#include <filesystem>

namespace ballast::cache {

// Empty when neither XDG_CACHE_HOME (absolute) nor HOME is set.
std::filesystem::path default_cache_root();

inline std::filesystem::path layers_dir(const std::filesystem::path& root) { return root / "layers"; }

}  // namespace ballast::cache
