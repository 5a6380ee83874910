// os/arch[/variant] as in `--platform linux/arm64/v8`.
#pragma once

#include <string>

namespace ballast::image {

struct Platform {
  std::string os;
  std::string architecture;
  std::string variant;
};

// Throws InputError on malformed text.
Platform parse_platform(const std::string& text);
std::string to_string(const Platform& p);
// A wanted platform without a variant matches any variant.
bool platform_matches(const Platform& wanted, const Platform& have);

}  // namespace ballast::image
