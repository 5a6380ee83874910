// Test images for attribution: written with image_writer, read back through
// analysis::analyze() with attribution and findings, exactly as the CLI does.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "../image/temp_dir.h"
#include "analysis/analyze.h"
#include "attribution/attribution.h"
#include "attribution/db_files.h"
#include "attribution/findings.h"
#include "writer/image_writer.h"

namespace ballast::testing {

// .image is the image model, .attribution and .waste what attribution adds.
using Analyzed = analysis::AnalyzeReport;

inline Analyzed analyze_layers(const std::vector<writer::WriteLayer>& layers,
                               attribution::AttributionOptions options = {},
                               attribution::CaptureOptions capture_options = {}) {
  TempDir dir;
  writer::WriteImage img;
  img.layers = layers;
  img.repo_tags = {"fixture:1"};
  std::string path = dir / "image.tar";
  writer::write_docker_archive({img}, path);
  analysis::AnalyzeRequest request;
  request.image = path;
  request.threads = 1;
  request.elf = capture_options.elf;
  if (options.base_layers >= 0) request.base_layers = options.base_layers;
  request.category_rules = options.extra_rules;
  return analysis::analyze(request);
}

inline writer::WriteLayer layer(std::vector<writer::WriteEntry> entries, std::string created_by = "") {
  writer::WriteLayer l;
  l.entries = std::move(entries);
  l.created_by = std::move(created_by);
  return l;
}

// Regular-file entry of `path` in `layer`.
inline image::EntryRef find_entry(const image::ImageModel& m, int layer, std::string_view path) {
  const auto& t = m.tables[layer];
  for (std::uint32_t i = 0; i < t.entries().size(); ++i)
    if (t.path(t.entries()[i]) == path) return {layer, i};
  return {};
}

inline std::string owner_label(const Analyzed& a, int layer, std::string_view path) {
  image::EntryRef r = find_entry(a.image, layer, path);
  if (!r.valid()) return "<missing>";
  const auto* p = a.attribution.package_of(r);
  return p ? p->label : "[unowned]";
}

inline std::string category_of(const Analyzed& a, int layer, std::string_view path) {
  image::EntryRef r = find_entry(a.image, layer, path);
  if (!r.valid()) return "<missing>";
  return a.attribution.category_name(r);
}

inline const attribution::Package* package(const Analyzed& a, std::string_view label) {
  for (const auto& p : a.attribution.packages)
    if (p.label == label) return &p;
  return nullptr;
}

}  // namespace ballast::testing
