#include "python/image_distributions.h"

#include <memory>

#include "attribution/attribution.h"
#include "attribution/db_files.h"
#include "attribution/python_distributions.h"
#include "image/image_analysis.h"

namespace ballast::python {

ImageDistributions read_image_distributions(const ImageReadOptions& options) {
  image::AnalyzeOptions ao;
  ao.image_name = options.image_name;
  ao.platform = options.platform;
  // Only the package databases are needed: no duplicate search.
  ao.hashing.find_duplicates = false;
  auto capture = std::make_shared<attribution::ContentCapture>(attribution::CaptureOptions{});
  ao.capture = attribution::capture_predicate(capture);
  image::ImageModel model = image::analyze_image(image::parse_image_reference(options.reference), ao);
  attribution::Attribution attributed = attribution::attribute(model);

  ImageDistributions out;
  out.description = model.description;
  out.warnings = model.warnings;
  out.warnings.insert(out.warnings.end(), attributed.warnings.begin(), attributed.warnings.end());
  for (auto& d : attribution::python_distributions(model, attributed)) {
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
  return out;
}

}  // namespace ballast::python
