// The finding ids of `ballast deps`, with the short names `--fail-on` accepts
// ("unused" = DEP002). DEP001-DEP005 mean what deptry's codes mean (DEP004
// here: a dev tool in production requirements); DEP1xx are ballast's own.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ballast::python {

struct FindingCode {
  std::string_view id;
  std::string_view name;
  std::string_view summary;
};

std::span<const FindingCode> finding_codes();

// "unused,missing" / "DEP002" / "all" -> ids; throws InputError naming the
// unknown entry.
std::vector<std::string> parse_fail_on(std::string_view list);
// One item of a fail-on list ("unused", "DEP002", "all"): appends the ids it
// names; false when it names none. The shared core of the flag and the config key.
bool add_fail_on_item(std::string_view item, std::vector<std::string>& ids);
std::string known_finding_names();  // "missing, unused, ..." for error messages

}  // namespace ballast::python
