#include "attribution/conda_db.h"

#include <nlohmann/json.hpp>

#include "attribution/path_util.h"

namespace ballast::attribution {

PackageFiles parse_conda_meta(std::string_view path, const std::string& contents,
                              std::vector<std::string>* warnings) {
  PackageFiles p;
  p.info.manager = Manager::kConda;
  p.info.database = std::string(path);
  auto warn = [&](const std::string& why) {
    if (warnings) warnings->push_back("/" + std::string(path) + ": " + why + "; its files are left [unowned]");
    return PackageFiles{};
  };
  nlohmann::json j = nlohmann::json::parse(contents, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return warn("not valid JSON");
  auto name = j.find("name");
  if (name == j.end() || !name->is_string() || name->get<std::string>().empty()) return warn("no \"name\"");
  p.info.name = name->get<std::string>();
  if (auto v = j.find("version"); v != j.end() && v->is_string()) p.info.version = v->get<std::string>();
  if (auto l = j.find("license"); l != j.end() && l->is_string() && !l->get<std::string>().empty())
    p.info.licenses.push_back(l->get<std::string>());
  std::string_view prefix = parent_dir(parent_dir(path));
  auto files = j.find("files");
  if (files == j.end() || !files->is_array()) return warn("no \"files\" list");
  for (const auto& f : *files) {
    if (!f.is_string()) continue;
    std::string rel = f.get<std::string>();
    if (rel.starts_with('/')) rel.erase(0, 1);  // conda writes them relative; be lenient
    if (auto full = join_image_path(prefix, rel)) p.files.push_back(std::move(*full));
  }
  return p;
}

}  // namespace ballast::attribution
