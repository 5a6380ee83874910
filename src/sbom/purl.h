// Package URLs (purl-spec, PURL-SPECIFICATION.rst and PURL-TYPES.rst):
//   pkg:TYPE/NAMESPACE/NAME@VERSION?QUALIFIERS
// for the package managers ballast attributes: deb and apk (namespace: the
// distribution's os-release ID; qualifiers arch= and distro=), pypi (PEP 503
// normalised name), npm (the scope is the namespace, "@" encoded as %40,
// names lowercased), conda. Each segment and qualifier value is
// percent-encoded except RFC 3986 unreserved characters and ":" (the spec's
// canonical form: a Debian epoch stays "1:2.4", "+" becomes %2B).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "attribution/package.h"

namespace ballast::sbom {

// The distribution a deb/apk purl names: os-release ID and VERSION_ID.
struct Distro {
  std::string id;          // "debian", "ubuntu", "alpine"; empty: unknown
  std::string version_id;  // "12", "3.19.1"
};

// os-release(5): KEY=value lines, values optionally quoted.
Distro parse_os_release(std::string_view text);

std::string percent_encode(std::string_view s);

// The canonical string of the purl components (empty namespace/version:
// left out; qualifiers sorted by key, empty values dropped).
std::string build_purl(std::string_view type, std::string_view name_space, std::string_view name,
                       std::string_view version, const std::map<std::string, std::string>& qualifiers);

std::string purl(const attribution::PackageInfo& info, const Distro& distro);

}  // namespace ballast::sbom
