#include "analysis/manifest_summary.h"

#include <map>

#include "image/created_by.h"
#include "image/image_reference.h"
#include "image/platform.h"
#include "image/resolved_image.h"

namespace ballast::analysis {

ManifestReport summarize_manifests(const ManifestRequest& request) {
  image::parse_platform(request.platform);
  image::ImageReference ref = image::parse_image_reference(request.image);
  image::ResolveOptions ro;
  ro.image_name = request.image_name;
  ro.platform = request.platform;
  ro.registry = request.registry;
  std::vector<image::ResolvedImage> images;
  if (request.all_platforms) images = image::resolve_all_platforms(ref, ro);
  else images.push_back(image::resolve_image(ref, ro));

  ManifestReport report;
  report.source = images.front().description;
  std::map<std::string, std::uint64_t> seen;  // digest -> platforms listing it
  for (const auto& img : images) {
    PlatformManifest p;
    p.platform = image::to_string(image::Platform{img.config.os, img.config.architecture, img.config.variant});
    p.description = img.description;
    for (const auto& l : img.layers) {
      p.layers.push_back({l.digest, l.media_type, l.source->size(), 1});
      p.stored_bytes += l.source->size();
    }
    // As in the full analysis: history rows without empty_layer take the layers in order.
    int next = 0;
    for (const auto& h : img.config.history) {
      ManifestHistoryRow row{image::instruction_from_created_by(h.created_by), h.created, -1};
      if (!h.empty_layer && next < static_cast<int>(p.layers.size())) row.layer = next++;
      p.history.push_back(std::move(row));
    }
    if (!img.config.history.empty() && next != static_cast<int>(p.layers.size()))
      report.warnings.push_back(p.platform + ": config history describes " + std::to_string(next) +
                                " layers, image has " + std::to_string(p.layers.size()));
    // A blob listed twice in one manifest is stored once.
    std::map<std::string, bool> here;
    for (const auto& l : p.layers)
      if (!here[l.digest]) {
        here[l.digest] = true;
        if (seen[l.digest]++ == 0) {
          ++report.distinct_layers;
          report.distinct_bytes += l.stored_size;
        }
      }
    report.platforms.push_back(std::move(p));
  }
  for (auto& p : report.platforms) {
    std::map<std::string, bool> counted;
    for (auto& l : p.layers) {
      l.platforms = seen[l.digest];
      if (l.platforms == 1 && !counted[l.digest]) {
        counted[l.digest] = true;
        p.unique_bytes += l.stored_size;
      }
    }
  }
  return report;
}

}  // namespace ballast::analysis
