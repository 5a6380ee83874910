#include "image/registry/reference.h"

#include <algorithm>
#include <regex>

#include "util/error.h"

namespace ballast::image::registry {
namespace {

// distribution/reference regexp.go, term for term (ECMAScript syntax).
const std::string kDomainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const std::string kDomainName = kDomainComponent + "(?:\\." + kDomainComponent + ")*";
const std::string kIpv6 = "\\[(?:[a-fA-F0-9:]+)\\]";
const std::string kDomain = "(?:" + kDomainName + "|" + kIpv6 + ")(?::[0-9]+)?";
const std::string kPathComponent = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
const std::string kRemoteName = kPathComponent + "(?:/" + kPathComponent + ")*";
const std::string kTag = "[\\w][\\w.-]{0,127}";
const std::string kDigest = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";

const std::regex& reference_regex() {
  static const std::regex re("^((?:" + kDomain + "/)?" + kRemoteName + ")(?::(" + kTag + "))?(?:@(" +
                             kDigest + "))?$");
  return re;
}

constexpr std::size_t kNameTotalLengthMax = 255;

[[noreturn]] void fail(const std::string& text, const std::string& why) {
  throw InputError("docker://" + text + ": " + why);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool is_hex64(const std::string& s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// go-digest's Validate: only the algorithms it knows, each with its length.
void check_digest(const std::string& text, const std::string& digest) {
  auto colon = digest.find(':');
  std::string alg = digest.substr(0, colon), hex = digest.substr(colon + 1);
  std::size_t want = alg == "sha256" ? 64 : alg == "sha384" ? 96 : alg == "sha512" ? 128 : 0;
  if (want == 0) fail(text, "unsupported digest algorithm");
  if (hex.size() != want) fail(text, "invalid checksum digest length");
  if (std::any_of(hex.begin(), hex.end(), [](char c) { return c >= 'A' && c <= 'F'; }))
    fail(text, "invalid checksum digest format");
}

// normalize.go splitDockerDomain.
void split_domain(const std::string& name, std::string* domain, std::string* remainder) {
  auto i = name.find('/');
  std::string first = i == std::string::npos ? std::string() : name.substr(0, i);
  if (i == std::string::npos ||
      (first.find_first_of(".:") == std::string::npos && first != "localhost" && lower(first) == first)) {
    *domain = "docker.io";
    *remainder = name;
  } else {
    *domain = first;
    *remainder = name.substr(i + 1);
  }
  if (*domain == "index.docker.io") *domain = "docker.io";
  if (*domain == "docker.io" && remainder->find('/') == std::string::npos) *remainder = "library/" + *remainder;
}

}  // namespace

std::string Reference::api_host() const { return domain == "docker.io" ? "registry-1.docker.io" : domain; }

std::string Reference::canonical() const {
  std::string out = domain + "/" + repository;
  if (!tag.empty()) out += ":" + tag;
  if (!digest.empty()) out += "@" + digest;
  return out;
}

Reference parse_reference(const std::string& text) {
  if (text.empty()) fail(text, "repository name must have at least one component");
  // ParseNormalizedNamed refuses a bare image ID: it names no repository.
  if (is_hex64(text)) fail(text, "invalid repository name, cannot specify 64-byte hexadecimal strings");
  // Split the name (what precedes the tag or digest) as normalize.go does,
  // then match the normalized text against the full grammar.
  std::string name = text.substr(0, text.find('@'));
  auto slash = name.rfind('/');
  auto colon = name.rfind(':');
  if (colon != std::string::npos && (slash == std::string::npos || colon > slash)) name.resize(colon);
  std::string domain, remainder;
  split_domain(name, &domain, &remainder);
  if (lower(remainder) != remainder) fail(text, "invalid reference format: repository name must be lowercase");
  const std::string full = domain + "/" + remainder + text.substr(name.size());
  std::smatch m;
  if (!std::regex_match(full, m, reference_regex())) {
    if (std::regex_match(lower(full), reference_regex()))
      fail(text, "invalid reference format: repository name must be lowercase");
    fail(text, "invalid reference format");
  }
  if (m[1].length() > static_cast<long>(kNameTotalLengthMax))
    fail(text, "repository name must not be more than 255 characters");
  Reference ref;
  ref.domain = domain;
  ref.repository = remainder;
  ref.tag = m[2].matched ? m[2].str() : std::string();
  if (m[3].matched) {
    ref.digest = m[3].str();
    check_digest(text, ref.digest);
  }
  if (ref.tag.empty() && ref.digest.empty()) ref.tag = "latest";
  return ref;
}

}  // namespace ballast::image::registry
