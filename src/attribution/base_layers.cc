// guess_base_layers(): where the base image ends (docs/attribution.md#base-layers).
#include <cstdio>
#include <optional>

#include "attribution/attribution.h"

namespace ballast::attribution {
namespace {

// Seconds since the epoch of an RFC 3339 UTC time ("2024-01-11T01:20:35.1Z");
// offsets other than Z are ignored (an hour's error does not matter here).
std::optional<long long> parse_time(const std::string& s) {
  int y, mo, d, h, mi, se;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &se) != 6) return std::nullopt;
  // Days from civil (Howard Hinnant's algorithm).
  y -= mo <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const long long days = era * 146097 + static_cast<long long>(doe) - 719468;
  return days * 86400 + h * 3600 + mi * 60 + se;
}

}  // namespace

int guess_base_layers(const image::ImageModel& m) {
  const int layers = static_cast<int>(m.layers.size());
  if (layers <= 1) return layers;
  // A base image was built before the build that used it: the last gap of
  // more than a day between consecutive layers' creation times ends it.
  // Without timestamps (or without such a gap) only the root filesystem
  // layer counts as the base.
  constexpr long long kGap = 24 * 3600;
  int base = 1;
  std::optional<long long> previous;
  for (const auto& h : m.history) {
    if (h.layer < 0) continue;
    auto t = parse_time(h.entry.created);
    if (!t) return 1;
    if (previous && *t - *previous > kGap) base = h.layer;
    previous = t;
  }
  return base;
}

}  // namespace ballast::attribution
