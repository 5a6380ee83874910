// Licenses as package databases name them, turned into what SBOMs want:
// SPDX license identifiers and expressions (SPDX 2.3 annex A/D) where the
// name is one, the name as written otherwise.
//  - Debian's machine-readable copyright files (DEP-5, "copyright-format
//    1.0"): the License: fields of the Files paragraphs, in Debian's short
//    names ("GPL-2+", "Expat", "BSD-3-clause"), mapped to SPDX ids with
//    DEP-5's own table ("+" = "or later", Expat = MIT).
//  - the others (apk L:, npm/conda "license", Python metadata): an SPDX
//    expression when every part is a known id, else a name.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ballast::sbom {

struct License {
  std::string text;  // as the database wrote it
  // The SPDX expression it is, when it is one: a single id ("MIT") or a
  // compound ("GPL-2.0-or-later OR Artistic-1.0"); empty: a name only.
  std::string spdx;
  bool compound() const { return spdx.find(' ') != std::string::npos; }
};

// The canonical SPDX id for `name` (case-insensitive; a few common spellings
// such as "Apache License 2.0" and Debian's short names), or nullopt.
std::optional<std::string> spdx_license_id(std::string_view name);
// Every id spdx_license_id() can return, sorted (a test checks each against
// the SPDX list the CycloneDX schema carries).
std::vector<std::string> known_spdx_ids();

// `text` classified: its SPDX expression when every operand is a known id.
License classify_license(std::string_view text);

// The distinct License: short names of a DEP-5 copyright file's header and
// Files paragraphs, in order; empty when the file is not machine-readable.
std::vector<std::string> debian_copyright_licenses(std::string_view text);

}  // namespace ballast::sbom
