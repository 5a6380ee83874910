#include "util/human_bytes.h"

#include <array>
#include <cstdio>

namespace ballast {

std::string human_bytes(std::uint64_t bytes) {
  static constexpr std::array<const char*, 6> kUnits = {"B", "kB", "MB", "GB", "TB", "PB"};
  if (bytes < 1000) return std::to_string(bytes) + " B";
  double value = static_cast<double>(bytes);
  std::size_t unit = 0;
  while (value >= 1000.0 && unit + 1 < kUnits.size()) {
    value /= 1000.0;
    ++unit;
  }
  char buf[32];
  if (value < 10.0)
    std::snprintf(buf, sizeof buf, "%.2f %s", value, kUnits[unit]);
  else if (value < 100.0)
    std::snprintf(buf, sizeof buf, "%.1f %s", value, kUnits[unit]);
  else
    std::snprintf(buf, sizeof buf, "%.0f %s", value, kUnits[unit]);
  return buf;
}

std::string format_bytes(std::uint64_t bytes, bool exact) {
  return exact ? std::to_string(bytes) : human_bytes(bytes);
}

std::string format_percent(double fraction) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", fraction * 100.0);
  return buf;
}

}  // namespace ballast
