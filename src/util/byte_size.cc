#include "util/byte_size.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <string>

namespace ballast {
namespace {

struct Unit {
  std::string_view name;  // lowercase
  std::uint64_t factor;
};

constexpr std::uint64_t kK = 1000, kKi = 1024;
// go-humanize's bytesSizeTable: with and without the trailing "b".
constexpr std::array kUnits = {
    Unit{"", 1},
    Unit{"b", 1},
    Unit{"k", kK},
    Unit{"kb", kK},
    Unit{"ki", kKi},
    Unit{"kib", kKi},
    Unit{"m", kK * kK},
    Unit{"mb", kK * kK},
    Unit{"mi", kKi * kKi},
    Unit{"mib", kKi * kKi},
    Unit{"g", kK * kK * kK},
    Unit{"gb", kK * kK * kK},
    Unit{"gi", kKi * kKi * kKi},
    Unit{"gib", kKi * kKi * kKi},
    Unit{"t", kK * kK * kK * kK},
    Unit{"tb", kK * kK * kK * kK},
    Unit{"ti", kKi * kKi * kKi * kKi},
    Unit{"tib", kKi * kKi * kKi * kKi},
    Unit{"p", kK * kK * kK * kK * kK},
    Unit{"pb", kK * kK * kK * kK * kK},
    Unit{"pi", kKi * kKi * kKi * kKi * kKi},
    Unit{"pib", kKi * kKi * kKi * kKi * kKi},
    Unit{"e", kK * kK * kK * kK * kK * kK},
    Unit{"eb", kK * kK * kK * kK * kK * kK},
    Unit{"ei", kKi * kKi * kKi * kKi * kKi * kKi},
    Unit{"eib", kKi * kKi * kKi * kKi * kKi * kKi},
};

std::optional<std::uint64_t> unit_factor(std::string_view name, bool allow_exa) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const Unit& u : kUnits)
    if (u.name == lower) {
      if (!allow_exa && !lower.empty() && lower[0] == 'e') return std::nullopt;
      return u.factor;
    }
  return std::nullopt;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// a * b + c without overflow, or nullopt.
std::optional<std::uint64_t> mul_add(std::uint64_t a, std::uint64_t b, std::uint64_t c) {
  unsigned __int128 r = static_cast<unsigned __int128>(a) * b + c;
  if (r > UINT64_MAX) return std::nullopt;
  return static_cast<std::uint64_t>(r);
}

}  // namespace

std::optional<std::uint64_t> parse_byte_size(std::string_view text) {
  std::string_view s = trim(text);
  std::size_t i = 0;
  std::uint64_t whole = 0;
  std::size_t int_digits = 0;
  for (; i < s.size() && is_digit(s[i]); ++i, ++int_digits) {
    auto next = mul_add(whole, 10, static_cast<std::uint64_t>(s[i] - '0'));
    if (!next) return std::nullopt;
    whole = *next;
  }
  std::string_view fraction;
  if (i < s.size() && s[i] == '.') {
    const std::size_t start = ++i;
    while (i < s.size() && is_digit(s[i])) ++i;
    fraction = s.substr(start, i - start);
  }
  if (int_digits == 0 && fraction.empty()) return std::nullopt;
  auto factor = unit_factor(trim(s.substr(i)), false);
  if (!factor) return std::nullopt;
  auto bytes = mul_add(whole, *factor, 0);
  if (!bytes) return std::nullopt;
  // The fraction's share, exactly: floor(0.d1d2... * factor). 19 digits
  // keep the numerator below 2^64 (times a factor <= 2^50 fits 128 bits);
  // later digits are far below a byte.
  unsigned __int128 numerator = 0, denominator = 1;
  for (std::size_t d = 0; d < fraction.size() && d < 19; ++d) {
    numerator = numerator * 10 + static_cast<unsigned>(fraction[d] - '0');
    denominator *= 10;
  }
  const auto part = static_cast<std::uint64_t>(numerator * *factor / denominator);
  return mul_add(*bytes, 1, part);
}

std::optional<std::uint64_t> parse_humanize_bytes(std::string_view text) {
  std::size_t last = 0;
  bool comma = false;
  while (last < text.size() && (is_digit(text[last]) || text[last] == '.' || text[last] == ',')) {
    if (text[last] == ',') comma = true;
    ++last;
  }
  std::string number(text.substr(0, last));
  if (comma) std::erase(number, ',');
  // strconv.ParseFloat of digits and dots: at most one dot and at least one digit.
  if (number.empty() || std::count(number.begin(), number.end(), '.') > 1 || number == ".") return std::nullopt;
  double value = 0;
  const char* begin = number.data();
  const char* end = begin + number.size();
  if (number.front() == '.') {
    // from_chars wants a digit first; ".5" means 0.5 to ParseFloat.
    number.insert(number.begin(), '0');
    begin = number.data();
    end = begin + number.size();
  }
  auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  auto factor = unit_factor(trim(text.substr(last)), true);
  if (!factor) return std::nullopt;
  value *= static_cast<double>(*factor);
  if (value >= 18446744073709551616.0) return std::nullopt;  // "too large" (>= MaxUint64 as a float64)
  return static_cast<std::uint64_t>(value);
}

}  // namespace ballast
