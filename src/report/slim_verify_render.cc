#include "report/slim_verify_render.h"

#include <string>
#include <vector>

#include "report/fix_verify_render.h"
#include "report/smoke_render.h"
#include "report/text_table.h"
#include "util/human_bytes.h"

namespace ballast::report {
namespace {

using nlohmann::json;

std::string bytes(std::uint64_t n, bool exact) { return exact ? std::to_string(n) : human_bytes(n); }

std::string change(std::uint64_t before, std::uint64_t after, bool exact) {
  std::int64_t d = static_cast<std::int64_t>(after) - static_cast<std::int64_t>(before);
  if (!exact) return signed_bytes_change(d, before);
  return (d > 0 ? "+" : "") + std::to_string(d);
}

json figures_json(const slim::SlimSide& s) {
  const slim::SlimFigures& f = s.figures;
  json by_reason = json::object();
  for (int i = 0; i < image::kShadowReasonCount; ++i)
    by_reason[std::string(image::to_string(static_cast<image::ShadowReason>(i)))] = f.upper_reclaimable_by_reason[i];
  return {{"reference", s.reference},
          {"loaded", s.loaded},
          {"loaded_refs", s.loaded_refs},
          {"stored_bytes", f.stored_bytes},
          {"final_bytes", f.final_bytes},
          {"compressed_bytes", f.compressed_bytes},
          {"compressed_estimated", f.compressed_estimated},
          {"layers", f.layers},
          {"upper_stored_bytes", f.upper_stored_bytes},
          {"reclaimable_bytes", f.reclaimable_bytes},
          {"upper_reclaimable_bytes", f.upper_reclaimable_bytes},
          {"upper_reclaimable_by_reason", by_reason}};
}

}  // namespace

void render_slim_verify_text(const slim::SlimVerifyReport& r, bool exact, std::ostream& out) {
  out << "verified with the engine (" << r.before.reference << ", " << r.after.reference << ": "
      << (r.kept ? "kept" : "loaded images removed") << ")\n";
  const auto& b = r.before.figures;
  const auto& a = r.after.figures;
  TextTable t({{""}, {"before", TextTable::Align::kRight}, {"after", TextTable::Align::kRight}, {"change"}});
  t.add_row({"stored", bytes(b.stored_bytes, exact), bytes(a.stored_bytes, exact), change(b.stored_bytes, a.stored_bytes, exact)});
  t.add_row({"final", bytes(b.final_bytes, exact), bytes(a.final_bytes, exact), change(b.final_bytes, a.final_bytes, exact)});
  t.add_row({b.compressed_estimated || a.compressed_estimated ? "compressed (estimated)" : "compressed",
             bytes(b.compressed_bytes, exact), bytes(a.compressed_bytes, exact),
             change(b.compressed_bytes, a.compressed_bytes, exact)});
  auto lb = static_cast<std::int64_t>(b.layers), la = static_cast<std::int64_t>(a.layers);
  t.add_row({"layers", std::to_string(lb), std::to_string(la), (la - lb > 0 ? "+" : "") + std::to_string(la - lb)});
  t.add_row({"reclaimable above the base", bytes(b.upper_reclaimable_bytes, exact), bytes(a.upper_reclaimable_bytes, exact),
             change(b.upper_reclaimable_bytes, a.upper_reclaimable_bytes, exact)});
  out << t.render("  ");
  out << "  saved above the base: " << bytes(r.measured_saved < 0 ? 0 : static_cast<std::uint64_t>(r.measured_saved), exact)
      << " measured, " << bytes(r.predicted_bytes, exact) << " predicted (";
  bool first = true;
  for (int i = 0; i < image::kShadowReasonCount; ++i) {
    if (!r.predicted_by_reason[i]) continue;
    out << (first ? "" : ", ") << image::to_string(static_cast<image::ShadowReason>(i)) << " "
        << bytes(r.predicted_by_reason[i], exact);
    first = false;
  }
  if (r.predicted_dropped) {
    out << (first ? "" : ", ") << "dropped " << bytes(r.predicted_dropped, exact);
    first = false;
  }
  if (r.predicted_carried) out << ", less " << bytes(r.predicted_carried, exact) << " a kept hardlink still needs";
  out << (first ? "nothing to remove" : "") << "): " << (r.saving_ok ? "equal" : "DIFFERENT") << '\n';
  out << "  re-analysis: " << (r.reclaimable_ok ? "nothing reclaimable above the base" : "reclaimable bytes left above the base")
      << '\n';
  render_smoke_text(r.smoke, out);
  out << r.verdict << '\n';
}

json slim_verify_to_json(const slim::SlimVerifyReport& r) {
  json predicted = json::object();
  for (int i = 0; i < image::kShadowReasonCount; ++i)
    predicted[std::string(image::to_string(static_cast<image::ShadowReason>(i)))] = r.predicted_by_reason[i];
  return {{"passed", r.passed},
          {"broken", r.broken},
          {"verdict", r.verdict},
          {"kept", r.kept},
          {"base_layers", r.base_layers},
          {"before", figures_json(r.before)},
          {"after", figures_json(r.after)},
          {"predicted_by_reason", predicted},
          {"predicted_dropped_bytes", r.predicted_dropped},
          {"predicted_carried_bytes", r.predicted_carried},
          {"predicted_bytes", r.predicted_bytes},
          {"measured_saved_bytes", r.measured_saved},
          {"reclaimable_ok", r.reclaimable_ok},
          {"saving_ok", r.saving_ok},
          {"smoke", r.smoke.ran ? smoke_to_json(r.smoke) : json(nullptr)}};
}

}  // namespace ballast::report
