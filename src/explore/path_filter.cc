#include "explore/path_filter.h"

#include <fnmatch.h>

#include <algorithm>

#include "util/utf8.h"

namespace ballast::explore {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

PathFilter::PathFilter(std::string pattern) : pattern_(std::move(pattern)) {
  glob_ = pattern_.find_first_of("*?[") != std::string::npos;
  folded_ = pattern_;
  std::transform(folded_.begin(), folded_.end(), folded_.begin(), lower);
}

bool PathFilter::matches(std::string_view path) const {
  if (pattern_.empty()) return true;
  if (glob_) return ::fnmatch(pattern_.c_str(), std::string(path).c_str(), 0) == 0;
  if (path.size() < folded_.size()) return false;
  auto it = std::search(path.begin(), path.end(), folded_.begin(), folded_.end(),
                        [](char a, char b) { return lower(a) == b; });
  return it != path.end();
}

std::string display_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto r = utf8::decode(s, i);
    const bool invalid = r.value == utf8::kRuneError && r.width == 1;
    if (invalid || r.value < 0x20 || r.value == 0x7f || (r.value >= 0x80 && r.value < 0xa0)) out += '?';
    else out.append(s.substr(i, r.width));
    i += r.width;
  }
  return out;
}

}  // namespace ballast::explore
