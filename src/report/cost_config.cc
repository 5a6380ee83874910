#include "report/cost_config.h"

#include <charconv>
#include <cmath>

#include "config/config_file.h"

namespace ballast::report {
namespace {

double number(const config::Value& v, const std::string& key) {
  std::string s = v.string(key);
  double d = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(d) || d < 0)
    v.fail("`" + key + "` must be a number >= 0, not '" + s + "'");
  return d;
}

}  // namespace

CostConfig cost_config(const config::ConfigFile& file) {
  CostConfig c;
  const std::optional<config::Section> section = file.section("cost");
  if (!section) return c;
  for (const auto& [key, value] : section->keys()) {
    if (key == "enabled") c.enabled = value.boolean(key);
    else if (key == "storage_per_gb_month") c.rates.storage_per_gb_month = number(value, key);
    else if (key == "egress_per_gb") c.rates.egress_per_gb = number(value, key);
    else if (key == "pulls_per_day") c.rates.pulls_per_day = number(value, key);
    else if (key == "bandwidth_mbps") {
      c.rates.bandwidth_mbps = number(value, key);
      if (c.rates.bandwidth_mbps == 0) value.fail("`bandwidth_mbps` must be above 0");
    } else if (key == "base_shared") c.rates.base_shared = value.boolean(key);
    else if (key == "currency") c.rates.currency = value.string(key);
  }
  return c;
}

}  // namespace ballast::report
