#include "image/descriptor.h"

#include <array>
#include <limits>
#include <string_view>

#include "util/error.h"
#include "util/quoted_excerpt.h"

namespace ballast::image {

using nlohmann::json;

namespace {

std::string describe_value(const json& v) {
  if (v.is_string()) return "a string " + quoted_excerpt(v.get<std::string>());
  if (v.is_number_float()) return quoted_excerpt(v.dump());
  return quoted_excerpt(v.dump());
}

bool printable(const std::string& s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) return false;
  return true;
}

}  // namespace

std::uint64_t descriptor_size(const json& d, const std::string& where) {
  auto s = d.find("size");
  if (s == d.end()) throw InputError(where + ": descriptor without a size");
  constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  // The spec's size is an int64: 2^63 and up, negatives, fractions, 1e300 and
  // "12" are not sizes.
  bool ok = (s->is_number_unsigned() && s->get<std::uint64_t>() <= kMax) ||
            (s->is_number_integer() && !s->is_number_unsigned() && s->get<std::int64_t>() >= 0);
  if (!ok)
    throw InputError(where + ": descriptor size " + describe_value(*s) +
                     " is not a non-negative 64-bit integer");
  return s->get<std::uint64_t>();
}

bool is_well_formed_digest(const std::string& digest) {
  auto colon = digest.find(':');
  if (colon == std::string::npos) return false;
  std::string_view alg = std::string_view(digest).substr(0, colon);
  std::string_view hex = std::string_view(digest).substr(colon + 1);
  std::size_t want = alg == "sha256" ? 64 : alg == "sha512" ? 128 : 0;
  if (want == 0 || hex.size() != want) return false;
  for (char c : hex)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::string descriptor_digest(const json& d, const std::string& where) {
  auto it = d.find("digest");
  if (it == d.end()) throw InputError(where + ": descriptor without a digest");
  if (!it->is_string()) throw InputError(where + ": digest is " + describe_value(*it) + ", not a string");
  if (!is_well_formed_digest(it->get<std::string>()))
    throw InputError(where + ": malformed digest " + quoted_excerpt(it->get<std::string>(), 80) +
                     " (expected sha256:<64 hex> or sha512:<128 hex>)");
  return it->get<std::string>();
}

std::string descriptor_media_type(const json& d, const std::string& where) {
  auto it = d.find("mediaType");
  if (it == d.end()) return {};
  if (!it->is_string()) throw InputError(where + ": mediaType is " + describe_value(*it) + ", not a string");
  std::string mt = it->get<std::string>();
  if (mt.size() > kMaxMediaTypeChars || !printable(mt))
    throw InputError(where + ": malformed mediaType " + quoted_excerpt(mt));
  return mt;
}

Platform descriptor_platform(const json& d, const std::string& where, bool* has_platform) {
  *has_platform = false;
  Platform p;
  auto it = d.find("platform");
  if (it == d.end()) return p;
  if (!it->is_object()) throw InputError(where + ": platform is not an object");
  auto field = [&](const char* key) -> std::string {
    auto f = it->find(key);
    if (f == it->end()) return {};
    if (!f->is_string())
      throw InputError(where + ": platform " + key + " is " + describe_value(*f) + ", not a string");
    std::string v = f->get<std::string>();
    if (v.size() > kMaxPlatformFieldChars || !printable(v))
      throw InputError(where + ": malformed platform " + key + " " + quoted_excerpt(v));
    return v;
  };
  p.os = field("os");
  p.architecture = field("architecture");
  p.variant = field("variant");
  *has_platform = true;
  return p;
}

void check_blob_size(std::uint64_t declared, std::uint64_t actual, const std::string& where) {
  if (declared != actual)
    throw InputError(where + ": blob is " + std::to_string(actual) + " bytes, its descriptor says " +
                     std::to_string(declared));
}

bool is_known_layer_media_type(const std::string& mt) {
  static constexpr std::array<std::string_view, 10> kKnown = {
      "application/vnd.oci.image.layer.v1.tar",
      "application/vnd.oci.image.layer.v1.tar+gzip",
      "application/vnd.oci.image.layer.v1.tar+zstd",
      "application/vnd.oci.image.layer.nondistributable.v1.tar",
      "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
      "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd",
      "application/vnd.docker.image.rootfs.diff.tar.gzip",
      "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
      "application/vnd.docker.image.rootfs.diff.tar",  // podman's docker-archive
      "application/vnd.docker.image.rootfs.diff.tar.zstd",
  };
  for (auto k : kKnown)
    if (mt == k) return true;
  return false;
}

}  // namespace ballast::image
