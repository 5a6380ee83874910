#include "history/location.h"

#include <array>
#include <string_view>

#include "config/config_file.h"

namespace ballast::history {

std::string store_location(const std::string& flag, const config::ConfigFile& file,
                           const std::filesystem::path& cwd) {
  if (!flag.empty()) return flag;
  if (auto section = file.section("history"))
    if (auto url = section->get("url")) {
      std::string value = url->string("history.url");
      if (value.empty()) url->fail("`history.url` must not be empty");
      return value;
    }
  const std::filesystem::path dir =
      file.path().empty() ? cwd : std::filesystem::path(file.path()).parent_path();
  return (dir / ".ballast" / "history.db").lexically_normal().string();
}

std::string repository_argument(std::string name) {
  static constexpr std::array<std::string_view, 3> kDefaultPrefixes = {"docker.io/library/",
                                                                       "docker.io/", "localhost/"};
  for (auto prefix : kDefaultPrefixes)
    if (std::string_view(name).starts_with(prefix)) return name.substr(prefix.size());
  return name;
}

}  // namespace ballast::history
