#include <string>

#include "report/slim_report.h"
#include "slim/slim.h"
#include "util/human_bytes.h"

namespace ballast::report {

std::string render_slim_text(const slim::SlimResult& r, bool exact) {
  auto bytes = [&](std::uint64_t n) { return exact ? std::to_string(n) + " B" : human_bytes(n); };
  const slim::SlimPlan& p = r.plan;
  std::string s;
  s += "Wrote " + std::string(slim::to_string(r.target.kind)) + ":" + r.target.path + " (" + r.image_id + ")\n";
  const std::size_t upper = r.input_layers - static_cast<std::size_t>(r.base_layers);
  s += "  layers: " + std::to_string(r.input_layers) + " -> " +
       std::to_string(static_cast<std::size_t>(r.base_layers) + r.new_layers.size()) + " (" +
       std::to_string(r.base_layers) + " base layer" + (r.base_layers == 1 ? "" : "s") + " kept byte for byte, " +
       std::to_string(upper) + (p.keep_layers ? " rewritten one by one)\n" : " squashed into one)\n");
  s += "  stored: " + bytes(r.input_blob_bytes) + " -> " + bytes(r.output_blob_bytes) + "\n";
  s += "  removed: " + bytes(p.removed_bytes()) + " of file contents stored above the base\n";
  static constexpr const char* kReasons[] = {"deleted", "opaque", "overwritten", "rewritten-same-content"};
  for (int i = 0; i < image::kShadowReasonCount; ++i)
    if (p.reclaimable_by_reason[i]) s += "    " + std::string(kReasons[i]) + ": " + bytes(p.reclaimable_by_reason[i]) + "\n";
  for (const auto& [rule, n] : p.dropped_by_rule) s += "    dropped (" + rule + "): " + bytes(n) + "\n";
  if (!p.dropped_paths.empty())
    s += "  dropped paths: " + std::to_string(p.dropped_paths.size()) + " (" + std::to_string(p.dropped_files) +
         " files above the base, " + std::to_string(p.hidden_base_files) + " in the base)\n";
  s += "  history: " + r.history_line + "\n";
  for (const auto& n : r.notes) s += "note: " + n + "\n";
  return s;
}

}  // namespace ballast::report
