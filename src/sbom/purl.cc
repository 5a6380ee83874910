#include "sbom/purl.h"

#include <algorithm>
#include <cctype>

#include "attribution/python_db.h"

namespace ballast::sbom {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string unquote(std::string_view v) {
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front())
    v = v.substr(1, v.size() - 2);
  return std::string(v);
}

}  // namespace

Distro parse_os_release(std::string_view text) {
  Distro d;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view key = line.substr(0, eq);
    if (key == "ID") d.id = lower(unquote(line.substr(eq + 1)));
    else if (key == "VERSION_ID") d.version_id = unquote(line.substr(eq + 1));
  }
  return d;
}

std::string percent_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == ':') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string purl(const attribution::PackageInfo& info, const Distro& distro) {
  using attribution::Manager;
  std::string type, ns, name = info.name;
  std::map<std::string, std::string> qualifiers;  // sorted by key, as the spec's canonical form wants
  switch (info.manager) {
    case Manager::kDpkg:
    case Manager::kApk:
      type = info.manager == Manager::kDpkg ? "deb" : "apk";
      ns = !distro.id.empty() ? distro.id : info.manager == Manager::kDpkg ? "debian" : "alpine";
      if (info.manager == Manager::kApk) name = lower(name);  // PURL-TYPES: apk names are lowercased
      if (!info.architecture.empty()) qualifiers["arch"] = info.architecture;
      if (!distro.id.empty() && !distro.version_id.empty()) qualifiers["distro"] = distro.id + "-" + distro.version_id;
      break;
    case Manager::kPython:
      type = "pypi";
      name = attribution::normalize_dist_name(name);
      break;
    case Manager::kNode:
      type = "npm";
      name = lower(name);
      if (name.starts_with('@')) {
        if (std::size_t slash = name.find('/'); slash != std::string::npos) {
          ns = name.substr(0, slash);
          name = name.substr(slash + 1);
        }
      }
      break;
    case Manager::kConda: type = "conda"; break;
  }
  return build_purl(type, ns, name, info.version, qualifiers);
}

std::string build_purl(std::string_view type, std::string_view name_space, std::string_view name,
                       std::string_view version, const std::map<std::string, std::string>& qualifiers) {
  std::string out = "pkg:" + lower(type) + "/";
  // A namespace may have several "/"-separated segments, each encoded.
  while (!name_space.empty()) {
    std::size_t slash = name_space.find('/');
    std::string_view seg = name_space.substr(0, slash);
    if (!seg.empty()) out += percent_encode(seg) + "/";
    name_space = slash == std::string_view::npos ? std::string_view{} : name_space.substr(slash + 1);
  }
  out += percent_encode(name);
  if (!version.empty()) out += "@" + percent_encode(version);
  char sep = '?';
  for (const auto& [k, v] : qualifiers) {
    if (v.empty()) continue;
    out += sep + lower(k) + "=" + percent_encode(v);
    sep = '&';
  }
  return out;
}

}  // namespace ballast::sbom
