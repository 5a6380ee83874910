// A WWW-Authenticate challenge (RFC 7235 section 4.1; the distribution token
// spec's `Bearer realm="…",service="…",scope="…"`): scheme and parameters.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace ballast::image::registry {

struct Challenge {
  std::string scheme;                         // lower-cased: "basic", "bearer"
  std::map<std::string, std::string> params;  // names lower-cased, values unquoted
  std::string param(const std::string& name) const;
};

// The first challenge of the header value; nullopt when it has no scheme.
std::optional<Challenge> parse_challenge(const std::string& header);

}  // namespace ballast::image::registry
