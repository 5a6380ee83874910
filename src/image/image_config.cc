#include "image/image_config.h"

#include <nlohmann/json.hpp>

#include "image/descriptor.h"
#include "util/bounded_json.h"
#include "util/error.h"
#include "util/limits.h"
#include "util/quoted_excerpt.h"
#include "util/sha256.h"

namespace ballast::image {
namespace {

std::string get_string(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> get_strings(const nlohmann::json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& v : *it)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

}  // namespace

ImageConfig parse_image_config(const std::string& json_text, const std::string& source) {
  nlohmann::json j = parse_bounded_json(json_text, source);
  if (j.is_discarded() || !j.is_object())
    throw InputError(source + ": malformed image config JSON");
  ImageConfig c;
  c.id = "sha256:" + sha256_hex(json_text);
  c.json = json_text;
  c.created = get_string(j, "created");
  c.os = get_string(j, "os");
  c.architecture = get_string(j, "architecture");
  c.variant = get_string(j, "variant");
  if (auto rootfs = j.find("rootfs"); rootfs != j.end() && rootfs->is_object())
    c.diff_ids = get_strings(*rootfs, "diff_ids");
  for (const auto& d : c.diff_ids)
    if (!is_well_formed_digest(d))
      throw InputError(source + ": malformed diff_id " + quoted_excerpt(d, 80) +
                       " (expected sha256:<64 hex> or sha512:<128 hex>)");
  if (auto hist = j.find("history"); hist != j.end() && hist->is_array()) {
    if (hist->size() > limits::kMaxHistoryEntries)
      throw LimitError(source + ": " + std::to_string(hist->size()) + " history entries, more than " +
                       std::to_string(limits::kMaxHistoryEntries) + " (see docs/limits.md)");
    for (const auto& h : *hist) {
      if (!h.is_object()) throw InputError(source + ": malformed history entry");
      HistoryEntry e;
      e.created = get_string(h, "created");
      e.created_by = get_string(h, "created_by");
      e.comment = get_string(h, "comment");
      e.author = get_string(h, "author");
      auto empty = h.find("empty_layer");
      e.empty_layer = empty != h.end() && empty->is_boolean() && empty->get<bool>();
      c.history.push_back(std::move(e));
    }
  }
  if (auto cfg = j.find("config"); cfg != j.end() && cfg->is_object()) {
    c.entrypoint = get_strings(*cfg, "Entrypoint");
    c.cmd = get_strings(*cfg, "Cmd");
    c.env = get_strings(*cfg, "Env");
    c.user = get_string(*cfg, "User");
    c.working_dir = get_string(*cfg, "WorkingDir");
    if (auto ports = cfg->find("ExposedPorts"); ports != cfg->end() && ports->is_object())
      for (const auto& [port, unused] : ports->items()) c.exposed_ports.push_back(port);
    if (auto labels = cfg->find("Labels"); labels != cfg->end() && labels->is_object())
      for (const auto& [key, value] : labels->items())
        if (value.is_string()) c.labels[key] = value.get<std::string>();
  }
  return c;
}

}  // namespace ballast::image
