#include "util/config_file.h"

namespace ballast {

std::optional<std::filesystem::path> find_config_file(const std::filesystem::path& start_dir) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(start_dir, ec);
  if (ec) return std::nullopt;
  while (true) {
    for (const char* name : {".ballast.yaml", ".ballast.yml"}) {
      auto candidate = dir / name;
      if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
    }
    if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
    dir = dir.parent_path();
  }
}

}  // namespace ballast
