#include "image/platform.h"

#include "image/descriptor.h"
#include "util/error.h"
#include "util/quoted_excerpt.h"

namespace ballast::image {

namespace {

bool sane_field(const std::string& f) {
  if (f.size() > kMaxPlatformFieldChars) return false;
  for (char c : f)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
          c == '_' || c == '-'))
      return false;
  return true;
}

}  // namespace

Platform parse_platform(const std::string& text) {
  Platform p;
  auto first = text.find('/');
  if (first == std::string::npos || first == 0)
    throw InputError("bad platform " + quoted_excerpt(text) + " (expected os/arch[/variant])");
  p.os = text.substr(0, first);
  auto second = text.find('/', first + 1);
  p.architecture = text.substr(first + 1, second == std::string::npos ? std::string::npos
                                                                      : second - first - 1);
  if (second != std::string::npos) p.variant = text.substr(second + 1);
  if (p.architecture.empty()) throw InputError("bad platform " + quoted_excerpt(text) + " (missing arch)");
  if (!sane_field(p.os) || !sane_field(p.architecture) || !sane_field(p.variant))
    throw InputError("bad platform " + quoted_excerpt(text) + " (os, arch and variant are each at most " +
                     std::to_string(kMaxPlatformFieldChars) + " letters, digits, '.', '_' or '-')");
  return p;
}

std::string to_string(const Platform& p) {
  std::string s = p.os + "/" + p.architecture;
  if (!p.variant.empty()) s += "/" + p.variant;
  return s;
}

bool platform_matches(const Platform& wanted, const Platform& have) {
  return wanted.os == have.os && wanted.architecture == have.architecture &&
         (wanted.variant.empty() || wanted.variant == have.variant);
}

}  // namespace ballast::image
