#include "cost/rates.h"

#include <charconv>
#include <cmath>
#include <string_view>

#include "util/error.h"

namespace ballast::cost {
namespace {

double number(std::string_view key, std::string_view v) {
  double d = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
  if (ec != std::errc() || p != v.data() + v.size() || !std::isfinite(d) || d < 0)
    throw InputError("cost: " + std::string(key) + "=" + std::string(v) + " is not a number >= 0");
  return d;
}

}  // namespace

CostRates parse_rates(const std::string& spec, CostRates r) {
  std::string_view s = spec;
  while (!s.empty()) {
    std::size_t comma = s.find(',');
    std::string_view part = s.substr(0, comma);
    s = comma == std::string_view::npos ? std::string_view{} : s.substr(comma + 1);
    if (part.empty()) continue;
    std::size_t eq = part.find('=');
    if (eq == std::string_view::npos)
      throw InputError("cost: '" + std::string(part) + "' is not KEY=VALUE (storage, egress, pulls, bandwidth, base, currency)");
    std::string_view key = part.substr(0, eq), value = part.substr(eq + 1);
    if (key == "storage") r.storage_per_gb_month = number(key, value);
    else if (key == "egress") r.egress_per_gb = number(key, value);
    else if (key == "pulls") r.pulls_per_day = number(key, value);
    else if (key == "bandwidth") {
      r.bandwidth_mbps = number(key, value);
      if (r.bandwidth_mbps == 0) throw InputError("cost: bandwidth must be above 0 Mbit/s");
    } else if (key == "base") {
      if (value != "shared" && value != "cold") throw InputError("cost: base must be shared or cold");
      r.base_shared = value == "shared";
    } else if (key == "currency") {
      if (value.empty() || value.size() > 8) throw InputError("cost: currency must be a short code (USD, EUR)");
      r.currency = value;
    } else {
      throw InputError("cost: unknown key '" + std::string(key) + "' (storage, egress, pulls, bandwidth, base, currency)");
    }
  }
  return r;
}

}  // namespace ballast::cost
