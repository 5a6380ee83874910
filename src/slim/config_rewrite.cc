#include "slim/config_rewrite.h"

#include <nlohmann/json.hpp>

#include "util/error.h"

namespace ballast::slim {

std::string rewrite_config(const std::string& config_json, const ConfigEdit& edit) {
  // ordered_json: fields keep the order the input wrote them in.
  auto c = nlohmann::ordered_json::parse(config_json, nullptr, false);
  if (c.is_discarded() || !c.is_object()) throw InputError("image config is not a JSON object");
  c["rootfs"] = {{"type", "layers"}, {"diff_ids", edit.diff_ids}};
  nlohmann::ordered_json history = nlohmann::ordered_json::array();
  std::string created = c.contains("created") && c["created"].is_string() ? c["created"].get<std::string>() : "";
  int layer = 0;
  if (auto it = c.find("history"); it != c.end() && it->is_array()) {
    for (auto h : *it) {
      if (!h.is_object()) continue;
      const bool empty = h.contains("empty_layer") && h["empty_layer"].is_boolean() && h["empty_layer"].get<bool>();
      if (!empty) {
        if (layer >= edit.base_layers && !edit.keep_layers) h["empty_layer"] = true;
        ++layer;
      }
      if (created.empty() && h.contains("created") && h["created"].is_string()) created = h["created"];
      history.push_back(h);
    }
  }
  nlohmann::ordered_json row = nlohmann::ordered_json::object();
  if (!created.empty()) row["created"] = created;
  row["created_by"] = edit.created_by;
  if (!edit.comment.empty()) row["comment"] = edit.comment;
  if (edit.keep_layers) row["empty_layer"] = true;
  history.push_back(row);
  c["history"] = history;
  return c.dump();
}

}  // namespace ballast::slim
