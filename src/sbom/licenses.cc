#include "sbom/licenses.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace ballast::sbom {
namespace {

// SPDX License List ids (spdx.org/licenses, as carried by CycloneDX 1.5's
// spdx.schema.json): the ones package metadata uses in practice.
constexpr std::array kSpdxIds = {
    "0BSD", "AGPL-3.0-only", "AGPL-3.0-or-later", "Apache-1.1", "Apache-2.0", "Artistic-1.0",
    "Artistic-1.0-Perl", "Artistic-2.0", "BSD-1-Clause", "BSD-2-Clause", "BSD-3-Clause", "BSD-4-Clause",
    "BSL-1.0", "bzip2-1.0.6", "CC-BY-3.0", "CC-BY-4.0", "CC-BY-SA-3.0", "CC-BY-SA-4.0", "CC0-1.0",
    "CDDL-1.0", "CDDL-1.1", "curl", "EPL-1.0", "EPL-2.0", "FTL", "GFDL-1.2-only", "GFDL-1.2-or-later",
    "GFDL-1.3-only", "GFDL-1.3-or-later", "GPL-1.0-only", "GPL-1.0-or-later", "GPL-2.0-only",
    "GPL-2.0-or-later", "GPL-3.0-only", "GPL-3.0-or-later", "HPND", "ICU", "IJG", "ISC", "LGPL-2.0-only",
    "LGPL-2.0-or-later", "LGPL-2.1-only", "LGPL-2.1-or-later", "LGPL-3.0-only", "LGPL-3.0-or-later",
    "Libpng", "libtiff", "MIT", "MIT-0", "MPL-1.1", "MPL-2.0", "NCSA", "OpenSSL", "PostgreSQL",
    "PSF-2.0", "Python-2.0", "Ruby", "Unicode-DFS-2016", "Unlicense", "W3C", "WTFPL", "X11", "Zlib",
    "ZPL-2.1",
};

// SPDX license exceptions (spdx.org/licenses/exceptions-index.html).
constexpr std::array kSpdxExceptions = {
    "Autoconf-exception-3.0", "Bison-exception-2.2", "Classpath-exception-2.0", "GCC-exception-2.0",
    "GCC-exception-3.1", "LLVM-exception", "OpenSSL-exception",
};

// Other spellings: Debian's DEP-5 short names (copyright-format 1.0,
// "License specification"), where they differ from SPDX's, and common
// free-text names from Python and npm metadata.
constexpr std::array<std::pair<const char*, const char*>, 40> kAliases = {{
    {"expat", "MIT"},
    {"mit license", "MIT"},
    {"the mit license", "MIT"},
    {"apache 2.0", "Apache-2.0"},
    {"apache-2", "Apache-2.0"},
    {"apache license 2.0", "Apache-2.0"},
    {"apache license, version 2.0", "Apache-2.0"},
    {"apache software license 2.0", "Apache-2.0"},
    {"asl 2.0", "Apache-2.0"},
    {"bsd-2-clause", "BSD-2-Clause"},
    {"bsd-3-clause", "BSD-3-Clause"},
    {"bsd-4-clause", "BSD-4-Clause"},
    {"artistic", "Artistic-1.0"},
    {"gpl-1", "GPL-1.0-only"},
    {"gpl-1+", "GPL-1.0-or-later"},
    {"gpl-2", "GPL-2.0-only"},
    {"gpl-2+", "GPL-2.0-or-later"},
    {"gpl-3", "GPL-3.0-only"},
    {"gpl-3+", "GPL-3.0-or-later"},
    {"gplv2", "GPL-2.0-only"},
    {"gplv2+", "GPL-2.0-or-later"},
    {"gplv3", "GPL-3.0-only"},
    {"gplv3+", "GPL-3.0-or-later"},
    {"lgpl-2", "LGPL-2.0-only"},
    {"lgpl-2+", "LGPL-2.0-or-later"},
    {"lgpl-2.1", "LGPL-2.1-only"},
    {"lgpl-2.1+", "LGPL-2.1-or-later"},
    {"lgpl-3", "LGPL-3.0-only"},
    {"lgpl-3+", "LGPL-3.0-or-later"},
    {"agpl-3", "AGPL-3.0-only"},
    {"agpl-3+", "AGPL-3.0-or-later"},
    {"gfdl-1.2", "GFDL-1.2-only"},
    {"gfdl-1.2+", "GFDL-1.2-or-later"},
    {"gfdl-1.3", "GFDL-1.3-only"},
    {"gfdl-1.3+", "GFDL-1.3-or-later"},
    {"mpl-2", "MPL-2.0"},
    {"zlib license", "Zlib"},
    {"isc license", "ISC"},
    {"psf", "PSF-2.0"},
    {"python software foundation license", "PSF-2.0"},
}};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::optional<std::string> spdx_exception(std::string_view name) {
  std::string l = lower(name);
  for (const char* e : kSpdxExceptions)
    if (lower(e) == l) return std::string(e);
  return std::nullopt;
}

// The expression grammar of SPDX 2.3 annex D, restricted to what package
// metadata writes: operands joined by AND / OR (either case, as Debian
// writes "GPL-2+ or Artistic"), WITH an exception, and parentheses around
// whole operands. Anything else makes the text a name.
std::optional<std::string> spdx_expression(std::string_view text) {
  std::string out;
  bool want_operand = true;
  int depth = 0;
  while (true) {
    text = trim(text);
    if (text.empty()) break;
    if (text.front() == '(' || text.front() == ')') {
      bool open = text.front() == '(';
      if (open != want_operand) return std::nullopt;
      depth += open ? 1 : -1;
      if (depth < 0) return std::nullopt;
      out += text.front();
      text.remove_prefix(1);
      continue;
    }
    std::size_t end = 0;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) && text[end] != '(' &&
           text[end] != ')')
      ++end;
    std::string_view word = text.substr(0, end);
    text.remove_prefix(end);
    std::string op = lower(word);
    if (want_operand) {
      auto id = spdx_license_id(word);
      if (!id) return std::nullopt;
      out += *id;
      // "X WITH exception" stays one operand.
      std::string_view rest = trim(text);
      if (lower(rest.substr(0, 5)) == "with ") {
        rest.remove_prefix(5);
        rest = trim(rest);
        std::size_t e = 0;
        while (e < rest.size() && !std::isspace(static_cast<unsigned char>(rest[e])) && rest[e] != ')') ++e;
        auto ex = spdx_exception(rest.substr(0, e));
        if (!ex) return std::nullopt;
        out += " WITH " + *ex;
        text = rest.substr(e);
      }
      want_operand = false;
    } else {
      if (op != "and" && op != "or") return std::nullopt;
      out += op == "and" ? " AND " : " OR ";
      want_operand = true;
    }
  }
  if (want_operand || depth != 0) return std::nullopt;
  return out;
}

}  // namespace

std::optional<std::string> spdx_license_id(std::string_view name) {
  name = trim(name);
  if (name.empty()) return std::nullopt;
  std::string l = lower(name);
  for (const char* id : kSpdxIds)
    if (lower(id) == l) return std::string(id);
  for (const auto& [alias, id] : kAliases)
    if (l == alias) return std::string(id);
  // Debian and others write "GPL-2.0+" for "or later" (SPDX's deprecated form).
  if (l.ends_with('+')) {
    std::string base = l.substr(0, l.size() - 1);
    for (const char* id : kSpdxIds) {
      std::string lid = lower(id);
      if (lid.ends_with("-only") && lid.substr(0, lid.size() - 5) == base)
        return std::string(id).substr(0, std::string_view(id).size() - 5) + "-or-later";
    }
  }
  return std::nullopt;
}

std::vector<std::string> known_spdx_ids() {
  std::vector<std::string> out(kSpdxIds.begin(), kSpdxIds.end());
  for (const auto& [alias, id] : kAliases) out.emplace_back(id);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

License classify_license(std::string_view text) {
  License l;
  l.text = std::string(trim(text));
  if (auto id = spdx_license_id(l.text)) l.spdx = *id;
  else if (auto e = spdx_expression(l.text)) l.spdx = *e;
  return l;
}

std::vector<std::string> debian_copyright_licenses(std::string_view text) {
  std::vector<std::string> out;
  bool first = true, machine_readable = false, files_paragraph = false;
  std::string license;
  auto finish = [&] {
    if ((files_paragraph || first) && !license.empty() &&
        std::find(out.begin(), out.end(), license) == out.end())
      out.push_back(license);
    first = false;
    files_paragraph = false;
    license.clear();
  };
  bool in_paragraph = false;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (trim(line).empty()) {
      if (in_paragraph) finish();
      in_paragraph = false;
      if (!machine_readable && !first) return {};
      continue;
    }
    in_paragraph = true;
    if (line.front() == ' ' || line.front() == '\t') continue;  // continuation: the license text
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string field = lower(line.substr(0, colon));
    std::string_view value = trim(line.substr(colon + 1));
    // DEP-5: the header's Format: names the specification's URL.
    if (first && field == "format" && value.find("copyright-format") != std::string_view::npos)
      machine_readable = true;
    if (field == "files") files_paragraph = true;
    if (field == "license") license = std::string(value);
  }
  if (in_paragraph) finish();
  if (!machine_readable) return {};
  return out;
}

}  // namespace ballast::sbom
