#include "context/config.h"

#include <algorithm>

#include "config/config_file.h"

namespace ballast::context {

ContextSettings context_settings(const config::ConfigFile& file) {
  ContextSettings out;
  const std::optional<config::Section> section = file.section("context");
  if (!section) return out;
  for (const auto& [key, value] : section->keys()) {
    if (key == "engine") {
      const std::string engine = value.string("context.engine");
      if (engine == "buildkit") out.engine = Engine::kBuildKit;
      else if (engine == "20.10") out.engine = Engine::kDocker20;
      else value.fail("context.engine must be buildkit or 20.10, not '" + engine + "'");
    } else if (key == "top") {
      out.top = static_cast<std::size_t>(value.count("context.top"));
    } else if (key == "big_file_mb") {
      // Past 2^40 MB the byte count would overflow; no file is that big.
      out.big_file_mb = std::min<std::uint64_t>(value.count("context.big_file_mb"), std::uint64_t{1} << 40);
    } else if (key == "walk_threads") {
      out.walk_threads = static_cast<unsigned>(std::min<std::uint64_t>(value.count("context.walk_threads"), 256));
    } else if (key == "strict") {
      out.strict = value.boolean("context.strict");
    }
  }
  return out;
}

}  // namespace ballast::context
