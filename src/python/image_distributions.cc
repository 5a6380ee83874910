#include "python/image_distributions.h"

#include "analysis/analyze.h"
#include "attribution/python_distributions.h"

namespace ballast::python {

ImageDistributions read_image_distributions(const ImageReadOptions& options) {
  analysis::AnalyzeRequest request;
  request.image = options.reference;
  request.image_name = options.image_name;
  request.platform = options.platform;
  request.platform_required = options.platform_required;
  // Only the package databases are needed: no duplicate search, no findings.
  request.find_duplicates = false;
  request.findings = false;
  analysis::AnalyzeReport report = analysis::analyze(request);

  ImageDistributions out;
  out.description = report.image.description;
  out.warnings = report.warnings;
  out.base_layers = report.attribution.base_layers;
  for (auto& d : attribution::python_distributions(report.image, report.attribution)) {
    InstalledDistribution i;
    i.name = d.name;
    i.version = d.version;
    i.import_names = std::move(d.import_names);
    i.bytes = d.bytes;
    i.requires_dist = std::move(d.requires_dist);
    i.owner = std::move(d.owner);
    i.os_package = d.os_package;
    out.distributions.push_back(std::move(i));
  }
  for (auto& p : report.attribution.packages)
    if (p.info.manager == attribution::Manager::kDpkg || p.info.manager == attribution::Manager::kApk)
      out.os_packages.push_back(std::move(p));
  return out;
}

}  // namespace ballast::python
