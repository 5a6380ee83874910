// JSON of attribution for `ballast analyze --format json`: the "breakdown"
// tree, "findings", "savings", "categories" and "packages" fields
// (docs/attribution.md#json).
#pragma once

#include <nlohmann/json.hpp>

namespace ballast::attribution {
struct BreakdownNode;
struct WasteReport;
}  // namespace ballast::attribution
namespace ballast::analysis {
struct AnalyzeReport;
}

namespace ballast::report {

nlohmann::json breakdown_to_json(const attribution::BreakdownNode& node);
nlohmann::json categories_to_json(const analysis::AnalyzeReport& report);
nlohmann::json packages_to_json(const analysis::AnalyzeReport& report);
nlohmann::json savings_to_json(const attribution::WasteReport& w);

}  // namespace ballast::report
