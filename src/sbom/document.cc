#include "sbom/document.h"

#include <cctype>
#include <ctime>
#include <map>

#include "sbom/uuid.h"
#include "util/version.h"

namespace ballast::sbom {
namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return false;
  for (std::size_t i = pos; i < pos + n; ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

int num(std::string_view s, std::size_t pos, std::size_t n) {
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

std::string manager_name(attribution::Manager m) { return std::string(attribution::to_string(m)); }

struct Resolved {
  std::string uuid;
  std::string timestamp;  // UTC seconds, or empty
};

Resolved resolve(const Inventory& inv, const DocumentOptions& o) {
  Resolved r;
  r.uuid = o.serial_number.empty() ? default_uuid(inv) : o.serial_number.substr(o.serial_number.rfind(':') + 1);
  const std::string& t = o.timestamp.empty() ? inv.created : o.timestamp;
  if (auto u = utc_seconds(t)) r.timestamp = *u;
  return r;
}

// CycloneDX licenseChoice: one SPDX expression when every license is SPDX
// (several are ANDed: the package carries all of them), else one entry per
// license, by id when it is a single SPDX id and by name otherwise.
nlohmann::json cyclonedx_licenses(const std::vector<License>& licenses) {
  bool all_spdx = true;
  for (const auto& l : licenses) all_spdx &= !l.spdx.empty();
  nlohmann::json out = nlohmann::json::array();
  if (all_spdx && (licenses.size() > 1 || licenses.front().compound())) {
    std::string expr;
    for (const auto& l : licenses) {
      if (!expr.empty()) expr += " AND ";
      expr += licenses.size() > 1 && l.compound() ? "(" + l.spdx + ")" : l.spdx;
    }
    out.push_back({{"expression", expr}});
    return out;
  }
  for (const auto& l : licenses) {
    if (!l.spdx.empty() && !l.compound()) out.push_back({{"license", {{"id", l.spdx}}}});
    else out.push_back({{"license", {{"name", l.text}}}});
  }
  return out;
}

nlohmann::json property(const std::string& name, const std::string& value) {
  return {{"name", name}, {"value", value}};
}

// SPDX 2.3 section 7.3 (SPDX identifier): "SPDXRef-" then letters, digits, "." and "-".
std::string spdx_id_part(std::string_view s) {
  std::string out;
  for (unsigned char c : s) out += std::isalnum(c) || c == '.' || c == '-' ? static_cast<char>(c) : '-';
  return out;
}

std::string tool_name() { return std::string("ballast-") + std::string(kVersion); }

}  // namespace

std::optional<std::string> utc_seconds(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)
  if (!digits(s, 0, 4) || s.size() < 20 || s[4] != '-' || !digits(s, 5, 2) || s[7] != '-' || !digits(s, 8, 2) ||
      (s[10] != 'T' && s[10] != 't') || !digits(s, 11, 2) || s[13] != ':' || !digits(s, 14, 2) || s[16] != ':' ||
      !digits(s, 17, 2))
    return std::nullopt;
  std::size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    std::size_t start = pos;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) ++pos;
    if (pos == start) return std::nullopt;
  }
  int offset = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z') && pos + 1 == s.size()) {
  } else if (pos + 6 == s.size() && (s[pos] == '+' || s[pos] == '-') && digits(s, pos + 1, 2) && s[pos + 3] == ':' &&
             digits(s, pos + 4, 2)) {
    offset = (num(s, pos + 1, 2) * 60 + num(s, pos + 4, 2)) * 60 * (s[pos] == '+' ? 1 : -1);
  } else {
    return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = num(s, 0, 4) - 1900;
  tm.tm_mon = num(s, 5, 2) - 1;
  tm.tm_mday = num(s, 8, 2);
  tm.tm_hour = num(s, 11, 2);
  tm.tm_min = num(s, 14, 2);
  tm.tm_sec = num(s, 17, 2);
  if (tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
    return std::nullopt;
  std::time_t t = timegm(&tm) - offset;
  std::tm out{};
  if (!gmtime_r(&t, &out)) return std::nullopt;
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &out);
  return std::string(buf);
}

std::string default_uuid(const Inventory& inv) {
  // A URL-namespace name that says what the UUID is of.
  return uuid_v5(kUrlNamespace, "https://github.com/ballast/sbom/" + inv.image_id);
}

nlohmann::json to_cyclonedx(const Inventory& inv, const DocumentOptions& options) {
  const Resolved r = resolve(inv, options);
  nlohmann::json meta = {
      {"tools", {{"components", {{{"type", "application"}, {"name", "ballast"}, {"version", std::string(kVersion)}}}}}},
      {"component",
       {{"type", "container"},
        {"bom-ref", "image"},
        {"name", inv.image},
        {"version", inv.image_id},
        {"properties",
         {property("ballast:image_id", inv.image_id), property("ballast:os", inv.os),
          property("ballast:architecture", inv.architecture)}}}}};
  if (!r.timestamp.empty()) meta["timestamp"] = r.timestamp;
  nlohmann::json components = nlohmann::json::array();
  nlohmann::json depends = nlohmann::json::array();
  for (const Component& c : inv.components) {
    nlohmann::json j = {{"type", "library"}, {"bom-ref", c.purl}, {"name", c.name}, {"purl", c.purl}};
    if (!c.version.empty()) j["version"] = c.version;
    if (!c.licenses.empty()) j["licenses"] = cyclonedx_licenses(c.licenses);
    nlohmann::json props = {property("ballast:package_manager", manager_name(c.manager))};
    if (!c.database.empty()) props.push_back(property("ballast:database", "/" + c.database));
    if (!c.license_source.empty()) props.push_back(property("ballast:license_source", c.license_source));
    if (c.layer >= 0) props.push_back(property("ballast:layer", std::to_string(c.layer)));
    if (!c.layer_diff_id.empty()) props.push_back(property("ballast:layer_diff_id", c.layer_diff_id));
    props.push_back(property("ballast:files", std::to_string(c.files)));
    props.push_back(property("ballast:stored_bytes", std::to_string(c.stored_bytes)));
    props.push_back(property("ballast:final_bytes", std::to_string(c.final_bytes)));
    j["properties"] = std::move(props);
    components.push_back(std::move(j));
    depends.push_back(c.purl);
  }
  return {{"$schema", "http://cyclonedx.org/schema/bom-1.5.schema.json"},
          {"bomFormat", "CycloneDX"},
          {"specVersion", "1.5"},
          {"serialNumber", "urn:uuid:" + r.uuid},
          {"version", 1},
          {"metadata", std::move(meta)},
          {"components", std::move(components)},
          // The image holds every package; package-to-package edges are not claimed.
          {"dependencies", {{{"ref", "image"}, {"dependsOn", std::move(depends)}}}}};
}

nlohmann::json to_spdx(const Inventory& inv, const DocumentOptions& options) {
  const Resolved r = resolve(inv, options);
  const std::string created = r.timestamp.empty() ? "1970-01-01T00:00:00Z" : r.timestamp;
  nlohmann::json packages = nlohmann::json::array();
  nlohmann::json relationships = nlohmann::json::array();
  std::map<std::string, std::string> extracted;  // LicenseRef id -> the name it stands for
  packages.push_back({{"SPDXID", "SPDXRef-Image"},
                      {"name", inv.image},
                      {"versionInfo", inv.image_id},
                      {"primaryPackagePurpose", "CONTAINER"},
                      {"downloadLocation", "NOASSERTION"},
                      {"filesAnalyzed", false},
                      {"licenseConcluded", "NOASSERTION"},
                      {"licenseDeclared", "NOASSERTION"},
                      {"copyrightText", "NOASSERTION"}});
  relationships.push_back(
      {{"spdxElementId", "SPDXRef-DOCUMENT"}, {"relationshipType", "DESCRIBES"}, {"relatedSpdxElement", "SPDXRef-Image"}});
  int n = 0;
  for (const Component& c : inv.components) {
    std::string id = "SPDXRef-Package-" + manager_name(c.manager) + "-" + spdx_id_part(c.name) + "-" + std::to_string(++n);
    // licenseDeclared must be an SPDX expression: names that are not SPDX ids
    // become LicenseRef-s, listed in hasExtractedLicensingInfos.
    std::string declared;
    for (const auto& l : c.licenses) {
      std::string term;
      if (!l.spdx.empty()) {
        term = c.licenses.size() > 1 && l.compound() ? "(" + l.spdx + ")" : l.spdx;
      } else {
        term = "LicenseRef-" + spdx_id_part(l.text);
        extracted.emplace(term, l.text);
      }
      declared += (declared.empty() ? "" : " AND ") + term;
    }
    std::string comment = "ballast: package_manager=" + manager_name(c.manager);
    if (c.layer >= 0) comment += " layer=" + std::to_string(c.layer);
    if (!c.layer_diff_id.empty()) comment += " layer_diff_id=" + c.layer_diff_id;
    comment += " files=" + std::to_string(c.files) + " stored_bytes=" + std::to_string(c.stored_bytes) +
               " final_bytes=" + std::to_string(c.final_bytes);
    if (!c.database.empty()) comment += " database=/" + c.database;
    nlohmann::json p = {{"SPDXID", id},
                        {"name", c.name},
                        {"downloadLocation", "NOASSERTION"},
                        {"filesAnalyzed", false},
                        {"licenseConcluded", "NOASSERTION"},
                        {"licenseDeclared", declared.empty() ? "NOASSERTION" : declared},
                        {"copyrightText", "NOASSERTION"},
                        {"primaryPackagePurpose", "LIBRARY"},
                        {"comment", comment},
                        {"externalRefs",
                         {{{"referenceCategory", "PACKAGE-MANAGER"},
                           {"referenceType", "purl"},
                           {"referenceLocator", c.purl}}}}};
    if (!c.version.empty()) p["versionInfo"] = c.version;
    if (!c.license_source.empty()) p["sourceInfo"] = "licenses read from " + c.license_source;
    packages.push_back(std::move(p));
    relationships.push_back(
        {{"spdxElementId", "SPDXRef-Image"}, {"relationshipType", "CONTAINS"}, {"relatedSpdxElement", id}});
  }
  nlohmann::json doc = {{"spdxVersion", "SPDX-2.3"},
                        {"dataLicense", "CC0-1.0"},
                        {"SPDXID", "SPDXRef-DOCUMENT"},
                        {"name", inv.image},
                        {"documentNamespace", "urn:uuid:" + r.uuid},
                        {"creationInfo", {{"created", created}, {"creators", {"Tool: " + tool_name()}}}},
                        {"packages", std::move(packages)},
                        {"relationships", std::move(relationships)}};
  if (!extracted.empty()) {
    nlohmann::json infos = nlohmann::json::array();
    for (const auto& [ref, name] : extracted)
      infos.push_back({{"licenseId", ref},
                       {"name", name},
                       {"extractedText", "The package's metadata names this license \"" + name +
                                             "\"; its text is not part of this document."}});
    doc["hasExtractedLicensingInfos"] = std::move(infos);
  }
  return doc;
}

}  // namespace ballast::sbom
