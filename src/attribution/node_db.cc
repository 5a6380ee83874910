#include "attribution/node_db.h"

#include <nlohmann/json.hpp>

#include "attribution/path_util.h"

namespace ballast::attribution {

std::optional<std::string_view> node_package_dir(std::string_view path) {
  if (base_name(path) != "package.json") return std::nullopt;
  std::string_view dir = parent_dir(path);
  std::string_view up = parent_dir(dir);
  if (base_name(up) == "node_modules" && !base_name(dir).starts_with('@') && !base_name(dir).starts_with('.'))
    return dir;
  if (base_name(up).starts_with('@') && base_name(parent_dir(up)) == "node_modules") return dir;
  return std::nullopt;
}

PackageFiles parse_node_package(std::string_view path, const std::string* contents,
                                std::vector<std::string>* warnings) {
  PackageFiles p;
  p.info.manager = Manager::kNode;
  p.info.database = std::string(path);
  std::string_view dir = parent_dir(path);
  std::string_view up = parent_dir(dir);
  p.info.name = base_name(up).starts_with('@') ? std::string(base_name(up)) + "/" + std::string(base_name(dir))
                                                : std::string(base_name(dir));
  p.dirs.emplace_back(dir);
  if (!contents) return p;
  nlohmann::json j = nlohmann::json::parse(*contents, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    if (warnings)
      warnings->push_back("/" + std::string(path) + ": not valid JSON; package named after its directory");
    return p;
  }
  if (auto it = j.find("name"); it != j.end() && it->is_string() && !it->get<std::string>().empty())
    p.info.name = it->get<std::string>();
  if (auto it = j.find("version"); it != j.end() && it->is_string()) p.info.version = it->get<std::string>();
  // "license": "MIT" (an SPDX expression), or the deprecated forms npm still
  // reads: "license": {"type": "MIT"} and "licenses": [{"type": "MIT"}, ...].
  auto license_of = [](const nlohmann::json& v) -> std::string {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_object())
      if (auto t = v.find("type"); t != v.end() && t->is_string()) return t->get<std::string>();
    return "";
  };
  if (auto it = j.find("license"); it != j.end()) {
    if (std::string l = license_of(*it); !l.empty()) p.info.licenses.push_back(std::move(l));
  } else if (auto ls = j.find("licenses"); ls != j.end() && ls->is_array()) {
    for (const auto& v : *ls)
      if (std::string l = license_of(v); !l.empty()) p.info.licenses.push_back(std::move(l));
  }
  return p;
}

}  // namespace ballast::attribution
