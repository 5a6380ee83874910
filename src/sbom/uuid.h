// Name-based UUIDs (RFC 4122 section 4.3, version 5: SHA-1): the same name
// always gives the same UUID, so an SBOM's serial number follows from the
// image it describes instead of from a random generator.
#pragma once

#include <string>
#include <string_view>

namespace ballast::sbom {

// RFC 4122 appendix C's URL namespace, 6ba7b811-9dad-11d1-80b4-00c04fd430c8.
inline constexpr std::string_view kUrlNamespace = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";
inline constexpr std::string_view kDnsNamespace = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";

// The lowercase 8-4-4-4-12 form; `name_space` in that form too.
std::string uuid_v5(std::string_view name_space, std::string_view name);

}  // namespace ballast::sbom
