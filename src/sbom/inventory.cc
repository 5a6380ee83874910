#include "sbom/inventory.h"

#include <algorithm>
#include <stdexcept>

namespace ballast::sbom {
namespace {

const std::string* final_contents(const image::ImageModel& m, std::string_view path) {
  auto it = std::lower_bound(m.final_files.begin(), m.final_files.end(), path,
                             [](const image::FinalFile& f, std::string_view p) { return f.path < p; });
  if (it == m.final_files.end() || it->path != path) return nullptr;
  return m.captured_contents(it->ref);
}

Distro distro_of(const image::ImageModel& m) {
  for (const char* p : {"etc/os-release", "usr/lib/os-release"})
    if (const std::string* text = final_contents(m, p)) return parse_os_release(*text);
  return {};
}

}  // namespace

Inventory make_inventory(const analysis::AnalyzeReport& report, const std::string& image) {
  if (!report.attributed) throw std::logic_error("make_inventory needs attribution");
  const image::ImageModel& m = report.image;
  Inventory inv;
  // The image's own name (an archive's repo tag) reads better than a file path.
  inv.image = m.name.empty() ? image : m.name;
  inv.image_id = m.config.id;
  inv.created = m.config.created;
  inv.os = m.config.os;
  inv.architecture = m.config.architecture;
  inv.distro = distro_of(m);
  for (const attribution::Package& p : report.attribution.packages) {
    if (!p.installed) continue;
    Component c;
    c.manager = p.info.manager;
    c.name = p.info.name;
    c.version = p.info.version;
    c.architecture = p.info.architecture;
    c.purl = purl(p.info, inv.distro);
    c.database = p.info.database;
    c.layer = p.added_layer;
    if (c.layer >= 0 && c.layer < static_cast<int>(m.layers.size())) c.layer_diff_id = m.layers[c.layer].diff_id;
    c.files = p.files;
    c.stored_bytes = p.stored_bytes;
    c.final_bytes = p.final_bytes;
    std::vector<std::string> names = p.info.licenses;
    if (names.empty() && c.manager == attribution::Manager::kDpkg) {
      std::string path = "usr/share/doc/" + c.name + "/copyright";
      if (const std::string* text = final_contents(m, path)) {
        names = debian_copyright_licenses(*text);
        if (!names.empty()) c.license_source = "/" + path;
      }
    } else if (!names.empty()) {
      c.license_source = c.database.empty() ? "" : "/" + c.database;
    }
    // Distinct names may be one license ("Expat" and "MIT"): keep it once.
    for (const auto& n : names) {
      License l = classify_license(n);
      bool seen = false;
      for (const auto& have : c.licenses)
        seen |= l.spdx.empty() ? have.spdx.empty() && have.text == l.text : have.spdx == l.spdx;
      if (!seen) c.licenses.push_back(std::move(l));
    }
    inv.components.push_back(std::move(c));
  }
  std::sort(inv.components.begin(), inv.components.end(),
            [](const Component& a, const Component& b) { return a.purl < b.purl; });
  return inv;
}

}  // namespace ballast::sbom
