// Renderers of a recorded series (history/run.h) for `ballast history`:
// text (one table per repository, then a sparkline of stored bytes), JSON
// kind "history" (docs/json-schema.md#kind-history) and CSV (RFC 4180, one
// row per run, a column per category).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "history/run.h"

namespace ballast::report {

struct HistoryView {
  std::string store;       // where the runs were read (password left out)
  std::string repository;  // as asked; "" = every repository
  std::optional<std::int64_t> since;
  std::vector<history::Run> runs;  // oldest first
};

std::string render_history_text(const HistoryView& view, bool exact_bytes);
nlohmann::json history_to_json(const HistoryView& view);
std::string render_history_csv(const HistoryView& view);

// One block character per value, ▁ (smallest) to █ (largest); a flat series
// is all ▄.
std::string sparkline(const std::vector<std::uint64_t>& values);

}  // namespace ballast::report
