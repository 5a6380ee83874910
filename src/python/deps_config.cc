#include "python/deps_config.h"

#include "config/config_file.h"
#include "python/finding_codes.h"
#include "python/stdlib_modules.h"

namespace ballast::python {

DepsSettings deps_settings(const config::ConfigFile& file) {
  DepsSettings out;
  const std::optional<config::Section> section = file.section("deps");
  if (!section) return out;
  for (const auto& [key, value] : section->keys()) {
    if (key == "python_version") {
      const std::string text = value.string("deps.python_version");
      out.python_minor = parse_python_version(text);
      if (!out.python_minor) value.fail("deps.python_version: '" + text + "' is not one of 3.8 ... 3.13");
    } else if (key == "exclude") {
      out.excludes = value.string_list("deps.exclude");
    } else if (key == "dockerignore") {
      out.dockerignore = value.boolean("deps.dockerignore");
    } else if (key == "fail_on") {
      std::vector<std::string> ids;
      for (const std::string& item : value.string_list("deps.fail_on")) {
        if (!add_fail_on_item(item, ids))
          value.fail("deps.fail_on: unknown finding '" + item + "' (known: " + known_finding_names() + ", all, or an id)");
      }
      out.fail_on = std::move(ids);
    }
  }
  return out;
}

}  // namespace ballast::python
