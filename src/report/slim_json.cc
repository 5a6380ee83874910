#include <string>

#include "model/json_envelope.h"
#include "report/slim_report.h"
#include "slim/slim.h"

namespace ballast::report {

nlohmann::json slim_to_json(const slim::SlimResult& r) {
  const slim::SlimPlan& p = r.plan;
  nlohmann::json j = model::make_envelope("slim");
  j["output"] = {{"kind", slim::to_string(r.target.kind)}, {"path", r.target.path}, {"tag", r.target.tag}};
  j["image_id"] = r.image_id;
  j["input_layers"] = r.input_layers;
  j["base_layers"] = r.base_layers;
  j["output_layers"] = static_cast<std::size_t>(r.base_layers) + r.new_layers.size();
  j["input_blob_bytes"] = r.input_blob_bytes;
  j["output_blob_bytes"] = r.output_blob_bytes;
  nlohmann::json layers = nlohmann::json::array();
  for (const auto& l : r.new_layers) layers.push_back({{"digest", l.digest}, {"diff_id", l.diff_id}, {"tar_bytes", l.tar_bytes}});
  j["keep_layers"] = p.keep_layers;
  if (!p.keep_layers && !r.new_layers.empty()) j["layer"] = layers[0];  // the squashed layer
  j["new_layers"] = std::move(layers);
  j["removed_bytes"] = p.removed_bytes();
  nlohmann::json by_reason = nlohmann::json::object();
  for (int i = 0; i < image::kShadowReasonCount; ++i)
    by_reason[std::string(image::to_string(static_cast<image::ShadowReason>(i)))] = p.reclaimable_by_reason[i];
  j["reclaimable_by_reason"] = by_reason;
  j["dropped_bytes"] = p.dropped_bytes;
  j["dropped_by_rule"] = p.dropped_by_rule;
  j["dropped_paths"] = p.dropped_paths;
  j["history"] = r.history_line;
  j["notes"] = r.notes;
  j["verify"] = nullptr;
  return j;
}

}  // namespace ballast::report
