#include "attribution/python_distributions.h"

#include <algorithm>
#include <map>
#include <set>

#include "attribution/path_util.h"
#include "attribution/python_db.h"
#include "attribution/text_lines.h"

namespace ballast::attribution {
namespace {

bool is_identifier(std::string_view s) {
  if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// The module a site-packages entry provides: "numpy/..." -> numpy,
// "six.py" -> six, "_cffi_backend.cpython-311-x86_64-linux-gnu.so" ->
// _cffi_backend; metadata directories, scripts and data files provide none.
std::string module_of(std::string_view first_component, bool is_dir) {
  if (is_dir) return is_identifier(first_component) && first_component != "__pycache__" ? std::string(first_component) : "";
  std::string_view ext = extension(first_component);
  if (ext != "py" && ext != "so" && ext != "pyd") return "";
  std::string_view stem = first_component.substr(0, first_component.find('.'));
  return is_identifier(stem) ? std::string(stem) : "";
}

class Reader {
 public:
  Reader(const image::ImageModel& m, const Attribution& a) : m_(m), a_(a) {}

  std::vector<PythonDistribution> read() {
    std::vector<PythonDistribution> found;
    for (const image::FinalFile& f : m_.final_files) {
      if (!is_file(f)) continue;
      std::string_view p = f.path;
      std::string_view dir = parent_dir(p);
      bool dist_info = base_name(p) == "METADATA" && base_name(dir).ends_with(".dist-info");
      bool egg_dir = base_name(p) == "PKG-INFO" && base_name(dir).ends_with(".egg-info");
      bool egg_file = base_name(p).ends_with(".egg-info");
      if (!dist_info && !egg_dir && !egg_file) continue;
      const std::string* text = m_.captured_contents(f.ref);
      if (!text) continue;
      found.push_back(read_one(f, egg_file ? p : dir, *text));
    }
    return merge(std::move(found));
  }

 private:
  PythonDistribution read_one(const image::FinalFile& f, std::string_view dist, const std::string& metadata_text) {
    PythonDistribution d;
    CoreMetadata md = parse_core_metadata(metadata_text);
    auto [dir_name, dir_version] = split_dist_dir_name(base_name(dist));
    d.name = normalize_dist_name(md.name.empty() ? dir_name : md.name);
    d.version = md.version.empty() ? dir_version : md.version;
    d.metadata_path = std::string(f.path);
    d.requires_dist = md.requires_dist;
    const bool is_dir = dist != f.path;
    if (is_dir && d.requires_dist.empty())
      if (const std::string* req = contents(std::string(dist) + "/requires.txt")) d.requires_dist = parse_egg_requires(*req);
    std::uint32_t owner = a_.owner[f.ref.layer][f.ref.entry];
    if (owner != kUnowned) {
      const Package& pkg = a_.packages[owner];
      d.owner = pkg.label;
      d.bytes = pkg.final_bytes;
      d.os_package = pkg.info.manager == Manager::kDpkg || pkg.info.manager == Manager::kApk;
    }
    d.import_names = import_names(dist, is_dir, owner);
    return d;
  }

  // Implicit parent directories have no entry.
  bool is_file(const image::FinalFile& f) const {
    if (!f.ref.valid()) return false;
    image::EntryType t = m_.entry(f.ref).type;
    return t == image::EntryType::kFile || t == image::EntryType::kHardlink;
  }

  const std::string* contents(const std::string& path) const {
    auto it = std::lower_bound(m_.final_files.begin(), m_.final_files.end(), path,
                               [](const image::FinalFile& f, const std::string& p) { return f.path < p; });
    if (it == m_.final_files.end() || it->path != path) return nullptr;
    return m_.captured_contents(it->ref);
  }

  // top_level.txt when the installer wrote one; else the first components
  // of RECORD's paths; else the files the owning package has next to the
  // metadata (Debian's dist-info carries neither).
  std::vector<std::string> import_names(std::string_view dist, bool is_dir, std::uint32_t owner) {
    std::set<std::string> names;
    const std::string site(parent_dir(dist));
    if (is_dir) {
      if (const std::string* top = contents(std::string(dist) + "/top_level.txt")) {
        for_each_line(*top, [&](std::string_view line, int) {
          line = trim(line);
          // "google/protobuf" style lines name a namespace package's part.
          std::string name(line);
          std::replace(name.begin(), name.end(), '/', '.');
          if (!name.empty() && name.size() < 256) names.insert(name);
        });
        if (!names.empty()) return {names.begin(), names.end()};
      }
      if (const std::string* record = contents(std::string(dist) + "/RECORD")) {
        for (const RecordRow& row : parse_record(*record, std::string(dist) + "/RECORD", nullptr)) {
          std::string_view path = row.path;
          if (path.starts_with("../") || path.starts_with("/")) continue;
          std::size_t slash = path.find('/');
          std::string m = module_of(path.substr(0, slash), slash != std::string_view::npos);
          if (!m.empty()) names.insert(std::move(m));
        }
        if (!names.empty()) return {names.begin(), names.end()};
      }
    }
    if (owner == kUnowned) return {};
    const std::string prefix = site + "/";
    auto it = std::lower_bound(m_.final_files.begin(), m_.final_files.end(), prefix,
                               [](const image::FinalFile& f, const std::string& p) { return f.path < p; });
    for (; it != m_.final_files.end() && it->path.starts_with(prefix); ++it) {
      if (!is_file(*it)) continue;
      if (a_.owner[it->ref.layer][it->ref.entry] != owner) continue;
      std::string_view rest = it->path.substr(prefix.size());
      std::size_t slash = rest.find('/');
      std::string m = module_of(rest.substr(0, slash), slash != std::string_view::npos);
      if (!m.empty()) names.insert(std::move(m));
    }
    return {names.begin(), names.end()};
  }

  std::vector<PythonDistribution> merge(std::vector<PythonDistribution> found) {
    std::map<std::string, std::vector<PythonDistribution*>> by_name;
    for (auto& d : found) by_name[d.name].push_back(&d);
    std::vector<PythonDistribution> out;
    for (auto& [name, copies] : by_name) {
      std::vector<PythonDistribution*> keep;
      for (auto* d : copies)
        if (!d->os_package) keep.push_back(d);
      if (keep.empty()) keep = copies;
      PythonDistribution merged = *keep.front();
      std::set<std::string> owners{merged.owner};
      std::set<std::string> modules(merged.import_names.begin(), merged.import_names.end());
      for (std::size_t i = 1; i < keep.size(); ++i) {
        if (owners.insert(keep[i]->owner).second) merged.bytes += keep[i]->bytes;
        modules.insert(keep[i]->import_names.begin(), keep[i]->import_names.end());
      }
      merged.import_names.assign(modules.begin(), modules.end());
      out.push_back(std::move(merged));
    }
    return out;
  }

  const image::ImageModel& m_;
  const Attribution& a_;
};

}  // namespace

std::vector<std::string> parse_egg_requires(std::string_view text) {
  std::vector<std::string> out;
  bool skip = false;
  std::string marker;
  for_each_line(text, [&](std::string_view line, int) {
    line = trim(line);
    if (line.empty() || line.starts_with('#') || line.size() > kMaxLineLength) return;
    if (line.starts_with('[') && line.ends_with(']')) {
      std::string_view section = line.substr(1, line.size() - 2);
      std::size_t colon = section.find(':');
      std::string_view extra = section.substr(0, colon);
      skip = !trim(extra).empty();
      marker = colon == std::string_view::npos ? "" : std::string(trim(section.substr(colon + 1)));
      return;
    }
    if (skip) return;
    out.push_back(marker.empty() ? std::string(line) : std::string(line) + "; " + marker);
  });
  return out;
}

std::vector<PythonDistribution> python_distributions(const image::ImageModel& model, const Attribution& attribution) {
  return Reader(model, attribution).read();
}

}  // namespace ballast::attribution
