// Checks on an OCI / Docker descriptor (image-spec descriptor.md) before
// anything trusts it: `size` is an int64 that is not negative (not a string,
// a fraction or 1e300), the digest is a known algorithm with well-formed hex
// (it becomes a path or a URL), the media type is a short printable string,
// and platform fields are short strings. The blob's bytes must then equal the
// size (check_blob_size). Every failure is one InputError naming `where`.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

#include "image/platform.h"

namespace ballast::image {

// Longest media type, and longest os / architecture / variant, accepted.
inline constexpr std::size_t kMaxMediaTypeChars = 255;  // RFC 6838: 127 + "/" + 127
inline constexpr std::size_t kMaxPlatformFieldChars = 64;

// The descriptor's `size`; required.
std::uint64_t descriptor_size(const nlohmann::json& d, const std::string& where);
// The descriptor's `digest` ("sha256:<64 hex>" or "sha512:<128 hex>"); required.
std::string descriptor_digest(const nlohmann::json& d, const std::string& where);
// The descriptor's `mediaType`, empty when absent.
std::string descriptor_media_type(const nlohmann::json& d, const std::string& where);
// The descriptor's `platform` (has_platform false when absent).
Platform descriptor_platform(const nlohmann::json& d, const std::string& where, bool* has_platform);

// A digest string as the spec allows (what descriptor_digest checks).
bool is_well_formed_digest(const std::string& digest);

// Throws when the blob is not `size` bytes (a descriptor that lies about it).
void check_blob_size(std::uint64_t declared, std::uint64_t actual, const std::string& where);

// Media types of image layers ballast knows (OCI and Docker, distributable or
// not); others are read by sniffing the content and reported with a warning.
bool is_known_layer_media_type(const std::string& media_type);

}  // namespace ballast::image
