#include "image/platform.h"

#include "util/error.h"

namespace ballast::image {

Platform parse_platform(const std::string& text) {
  Platform p;
  auto first = text.find('/');
  if (first == std::string::npos || first == 0)
    throw InputError("bad platform '" + text + "' (expected os/arch[/variant])");
  p.os = text.substr(0, first);
  auto second = text.find('/', first + 1);
  p.architecture = text.substr(first + 1, second == std::string::npos ? std::string::npos
                                                                      : second - first - 1);
  if (second != std::string::npos) p.variant = text.substr(second + 1);
  if (p.architecture.empty()) throw InputError("bad platform '" + text + "' (missing arch)");
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
