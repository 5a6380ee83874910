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
  j["output_layers"] = r.base_layers + 1;
  j["input_blob_bytes"] = r.input_blob_bytes;
  j["output_blob_bytes"] = r.output_blob_bytes;
  j["layer"] = {{"digest", r.layer_digest}, {"diff_id", r.layer_diff_id}, {"tar_bytes", r.layer_tar_bytes}};
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
