// image.node-dev-dependencies: the packages npm installed for the
// devDependencies only (and what only they need), still in the image. npm
// (7 and later) writes its view of a node_modules tree to
// node_modules/.package-lock.json, the "hidden lockfile" (npm docs,
// "package-lock.json": "packages" keyed by the path of each package folder,
// "dev": true when it is needed only through devDependencies) — exactly what
// `npm prune --omit=dev` / `npm ci --omit=dev` would leave out. The bytes are
// the visible files under those folders, measured here, never the lockfile's
// word. Packages in the base image's layers are not counted (not the
// Dockerfile's to fix).
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "attribution/finding_builder.h"
#include "util/human_bytes.h"

namespace ballast::attribution {
namespace {

constexpr std::string_view kHiddenLockfile = "node_modules/.package-lock.json";

// The package folders (image paths, no trailing '/') a hidden lockfile marks dev.
void read_dev_folders(std::string_view lockfile_path, const std::string& text, std::set<std::string>& out) {
  const nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("packages") || !doc["packages"].is_object()) return;
  const std::string root(lockfile_path.substr(0, lockfile_path.size() - kHiddenLockfile.size()));  // "app/" or ""
  for (const auto& [key, entry] : doc["packages"].items()) {
    if (!entry.is_object() || !key.starts_with("node_modules/")) continue;
    if (key.find("..") != std::string::npos || key.ends_with('/')) continue;
    const auto dev = entry.find("dev");
    if (dev != entry.end() && *dev == true) out.insert(root + key);
  }
}

// The dev folder `path` is in ("" when none): each package folder on its
// way (…/node_modules/NAME or …/node_modules/@SCOPE/NAME) is looked up.
std::string dev_folder_of(std::string_view path, const std::set<std::string>& dev) {
  for (std::size_t at = path.find("node_modules/"); at != std::string_view::npos;
       at = path.find("node_modules/", at + 1)) {
    std::size_t name = at + 13;
    std::size_t end = path.find('/', name);
    if (end != std::string_view::npos && path[name] == '@') end = path.find('/', end + 1);
    if (end == std::string_view::npos) return "";  // a file directly in node_modules
    const std::string folder(path.substr(0, end));
    if (dev.count(folder)) return folder;
  }
  return "";
}

}  // namespace

void find_node_dev_dependencies(const image::ImageModel& m, const Attribution& a, Pending& out) {
  // The lockfiles are among the few captured files: looked for there, not
  // in every entry of the image.
  std::set<std::string> dev;
  for (std::size_t l = 0; l < m.captured.size(); ++l) {
    for (const auto& [entry, text] : m.captured[l]) {
      if (!a.visible[l][entry]) continue;
      const std::string_view path = m.tables[l].path(m.tables[l].entries()[entry]);
      if (!path.ends_with(kHiddenLockfile) || (path.size() > kHiddenLockfile.size() &&
                                               path[path.size() - kHiddenLockfile.size() - 1] != '/'))
        continue;
      read_dev_folders(path, text, dev);
    }
  }
  if (dev.empty()) return;
  PendingFinding p;
  std::map<std::string, std::uint64_t> folders;  // dev folder -> bytes
  std::set<std::string> roots;                   // the node_modules directories concerned
  for_each_visible(m, a, [&](image::EntryRef r, std::string_view path) {
    if (r.layer < a.base_layers || path.find("node_modules/") == std::string_view::npos) return;
    const std::string folder = dev_folder_of(path, dev);
    if (folder.empty()) return;
    const std::uint64_t size = m.entry(r).size;
    p.items.push_back({r, size});
    folders[folder] += size;
    roots.insert("/" + folder.substr(0, folder.find("node_modules/") + 12));
  });
  if (p.items.empty()) return;
  std::vector<std::pair<std::uint64_t, std::string>> largest;
  for (const auto& [f, b] : folders) largest.push_back({b, "/" + f});
  std::sort(largest.begin(), largest.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first > y.first : x.second < y.second;
  });
  for (std::size_t i = 0; i < largest.size() && i < 10; ++i) p.fixed_paths.push_back(largest[i].second);
  p.finding.id = "image.node-dev-dependencies";
  p.finding.severity = model::Severity::kWarning;
  p.finding.message = std::to_string(folders.size()) + " npm packages installed only for devDependencies (" +
                      "node_modules/.package-lock.json marks them dev) left in " + *roots.begin() +
                      (roots.size() > 1 ? " and " + std::to_string(roots.size() - 1) + " more" : "") + ": " +
                      human_bytes(total(p)) + ", from " + where(m, p);
  p.finding.fix = "Install with npm ci --omit=dev, or build in a builder stage and COPY the app after npm prune --omit=dev";
  out.push_back(std::move(p));
}

}  // namespace ballast::attribution
