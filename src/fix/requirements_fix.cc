#include "fix/requirements_fix.h"

#include <algorithm>
#include <map>

#include "fix/context_change.h"
#include "python/image_distributions.h"
#include "util/error.h"
#include "util/human_bytes.h"

namespace ballast::fix {
namespace fs = std::filesystem;
namespace {

// The byte range of 1-based `line` and of the lines a trailing backslash
// continues it onto (`--hash` options are often written so), with their
// line endings; npos when the file has fewer lines.
std::pair<std::size_t, std::size_t> requirement_span(const std::string& text, int line) {
  std::size_t begin = 0;
  for (int n = 1; n < line; ++n) {
    begin = text.find('\n', begin);
    if (begin == std::string::npos) return {std::string::npos, 0};
    ++begin;
  }
  if (begin >= text.size()) return {std::string::npos, 0};
  std::size_t end = begin;
  for (;;) {
    std::size_t nl = text.find('\n', end);
    std::size_t stop = nl == std::string::npos ? text.size() : nl;
    std::size_t last = stop;
    while (last > end && (text[last - 1] == '\r' || text[last - 1] == ' ' || text[last - 1] == '\t')) --last;
    bool continued = last > end && text[last - 1] == '\\';
    end = nl == std::string::npos ? text.size() : nl + 1;
    if (!continued || end >= text.size()) break;
  }
  return {begin, end};
}

}  // namespace

std::vector<FileFix> unused_requirement_fixes(const python::DepsReport& deps, const fs::path& root) {
  if (deps.installed.empty()) return {};  // no evidence from an image
  std::map<std::string, const python::DepsReport::Removal*> pip_removals;
  for (const auto& r : deps.removals)
    if (r.world == "pip" && r.os_package.empty()) pip_removals[r.root] = &r;
  // Per file, the lines to drop (last first, so earlier offsets hold).
  std::map<std::string, std::vector<std::pair<int, Change>>> by_file;
  std::map<std::string, std::uint64_t> bytes_by_file;
  for (const auto& f : deps.findings) {
    if (f.id != "DEP002" || f.severity != model::Severity::kWarning || !f.location || f.bytes_saved == 0) continue;
    const std::string& file = f.location->file;
    if (std::find(deps.production_files.begin(), deps.production_files.end(), file) == deps.production_files.end())
      continue;  // not installed by the Dockerfile, or not a requirements file
    auto req = std::find_if(deps.requirements.begin(), deps.requirements.end(), [&](const python::Requirement& r) {
      return r.location.file == file && r.location.line == f.location->line && !r.constraint && !r.editable;
    });
    if (req == deps.requirements.end()) continue;
    auto removal = pip_removals.find(req->normalized);
    if (removal == pip_removals.end()) continue;  // installed by the OS, or not at all
    Change c;
    c.ids = {"DEP002"};
    c.line = f.location->line;
    c.description = req->name + " removed: nothing imports it; the image's copy is " +
                    human_bytes(removal->second->bytes) +
                    (removal->second->freed.size() > 1 ? " with the dependencies only it needs" : "");
    by_file[file].push_back({c.line, c});
    bytes_by_file[file] += removal->second->bytes;
  }
  std::vector<FileFix> out;
  for (auto& [file, lines] : by_file) {
    FileFix fix;
    fix.name = file;
    fix.path = root / file;
    auto text = read_context_file(fix.path);
    if (!text) throw InputError(fix.path.string() + ": cannot read");
    fix.original = std::move(*text);
    fix.fixed = fix.original;
    std::sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& [line, change] : lines) {
      auto [begin, end] = requirement_span(fix.fixed, line);
      if (begin == std::string::npos) continue;
      fix.fixed.erase(begin, end - begin);
      fix.changes.insert(fix.changes.begin(), change);
    }
    fix.bytes = bytes_by_file[file];
    if (fix.fixed != fix.original) out.push_back(std::move(fix));
  }
  return out;
}

python::ImageDistributions read_evidence_image(const EvidenceRequest& request) {
  return python::read_image_distributions({request.image, request.image_name, request.platform, request.platform_required});
}

ImageEvidence image_evidence(const python::ImageDistributions& image) {
  ImageEvidence e;
  e.image = image.description;
  for (const auto& p : image.os_packages) {
    if (p.info.manager != attribution::Manager::kDpkg || !p.installed) continue;
    e.os_packages.push_back(ImagePackage{p.info.name, p.info.depends, p.added_layer >= 0 && p.added_layer < image.base_layers});
  }
  return e;
}

std::vector<FileFix> evidence_fixes(const EvidenceRequest& request, const python::ImageDistributions& image) {
  python::DepsOptions options;
  options.root = request.context;
  if (!request.dockerfile.empty()) options.dockerfile = request.dockerfile;
  options.installed = &image.distributions;
  options.os_packages = &image.os_packages;
  options.image = image.description;
  return unused_requirement_fixes(python::analyze_deps(options), request.context);
}

}  // namespace ballast::fix
