#include "history/time_text.h"

#include <charconv>
#include <chrono>
#include <cstdio>

namespace ballast::history {
namespace {

bool number(std::string_view text, std::size_t pos, std::size_t len, unsigned& out) {
  if (pos + len > text.size()) return false;
  for (std::size_t i = pos; i < pos + len; ++i)
    if (text[i] < '0' || text[i] > '9') return false;
  std::from_chars(text.data() + pos, text.data() + pos + len, out);
  return true;
}

}  // namespace

std::string format_time(std::int64_t t) {
  const std::chrono::sys_seconds tp{std::chrono::seconds(t)};
  const auto day = std::chrono::floor<std::chrono::days>(tp);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{tp - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

std::optional<std::int64_t> parse_since(std::string_view text, std::int64_t now) {
  if (text.empty()) return std::nullopt;
  // A duration: digits and one unit.
  const char unit = text.back();
  const std::string_view digits = text.substr(0, text.size() - 1);
  if (!digits.empty() && digits.find_first_not_of("0123456789") == std::string_view::npos) {
    std::int64_t n = 0;
    if (std::from_chars(digits.data(), digits.data() + digits.size(), n).ec != std::errc() ||
        n > 1'000'000'000)
      return std::nullopt;
    const std::int64_t scale = unit == 's'   ? 1
                               : unit == 'm' ? 60
                               : unit == 'h' ? 3600
                               : unit == 'd' ? 86400
                               : unit == 'w' ? 7 * 86400
                                             : 0;
    if (scale == 0) return std::nullopt;
    return now - n * scale;
  }
  // YYYY-MM-DD[(T| )HH:MM[:SS]][Z]
  unsigned y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (!number(text, 0, 4, y) || text.size() < 10 || text[4] != '-' || !number(text, 5, 2, mo) ||
      text[7] != '-' || !number(text, 8, 2, d))
    return std::nullopt;
  std::size_t pos = 10;
  if (pos < text.size() && (text[pos] == 'T' || text[pos] == ' ')) {
    if (!number(text, pos + 1, 2, h) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !number(text, pos + 4, 2, mi))
      return std::nullopt;
    pos += 6;
    if (pos < text.size() && text[pos] == ':') {
      if (!number(text, pos + 1, 2, s)) return std::nullopt;
      pos += 3;
    }
  }
  if (pos < text.size() && text[pos] == 'Z') ++pos;
  if (pos != text.size()) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year(static_cast<int>(y)),
                                        std::chrono::month(mo), std::chrono::day(d)};
  if (!ymd.ok() || h > 23 || mi > 59 || s > 60) return std::nullopt;
  return std::chrono::sys_days(ymd).time_since_epoch().count() * 86400 + h * 3600 + mi * 60 + s;
}

}  // namespace ballast::history
