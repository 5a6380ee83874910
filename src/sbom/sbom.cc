#include "sbom/sbom.h"

#include <cctype>

namespace ballast::sbom {

std::string render(const Inventory& inv, Format format, const DocumentOptions& options) {
  nlohmann::json doc = format == Format::kSpdx ? to_spdx(inv, options) : to_cyclonedx(inv, options);
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string make_sbom(const SbomRequest& request) {
  analysis::AnalyzeRequest r = request.analyze;
  r.attribution = true;
  r.findings = false;
  r.find_duplicates = false;
  r.hash_files = false;
  const analysis::AnalyzeReport report = analysis::analyze(r);
  return render(make_inventory(report, r.image), request.format, request.document);
}

bool is_urn_uuid(std::string_view s) {
  constexpr std::string_view kPrefix = "urn:uuid:";
  if (!s.starts_with(kPrefix)) return false;
  s.remove_prefix(kPrefix.size());
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !(std::isdigit(static_cast<unsigned char>(s[i])) || (s[i] >= 'a' && s[i] <= 'f')))
      return false;
  }
  return true;
}

}  // namespace ballast::sbom
