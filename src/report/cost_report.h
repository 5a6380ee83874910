// The cost section of `analyze` (--cost): text lines and the JSON object
// (docs/json-schema.md#cost), with what each finding's bytes are worth.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "attribution/findings.h"
#include "cost/image_cost.h"

namespace ballast::report {

// "$0.42" for USD, "0.42 EUR" otherwise; more decimals below one unit.
std::string format_money(double amount, const std::string& currency);
// "12.3 s", "2 min 5 s".
std::string format_seconds(double seconds);

// The "Cost" lines under analyze's header (no findings).
std::string render_cost_text(const cost::ImageCost& cost, bool exact);
// One row per finding that saves bytes (at most `top`): money per month and seconds per pull.
std::string render_finding_costs_text(const cost::ImageCost& cost, const attribution::WasteReport& waste,
                                      std::size_t top, bool exact);

// One finding's worth at `cost` (analyze's and diff's `cost.findings[]` rows):
// {id, bytes_saved, compressed_bytes, per_month, seconds_per_pull}.
nlohmann::json finding_saving_json(const cost::ImageCost& cost, const std::string& id, std::uint64_t bytes_saved);
// ", saves $0.01/month and 0.2 s per pull" for a finding's bytes ("" for none).
std::string finding_saving_text(const cost::ImageCost& cost, std::uint64_t bytes_saved);

// `waste` may be null (no findings).
nlohmann::json cost_to_json(const cost::ImageCost& cost, const attribution::WasteReport* waste);

// diff --cost: the header lines (A -> B per month and per pull, the update
// pull), the pull-request comment's one line, and kind diff's `cost` object.
std::string render_cost_change_text(const cost::CostChange& change, bool exact);
std::string render_cost_change_markdown(const cost::CostChange& change);
nlohmann::json cost_change_to_json(const cost::CostChange& change);

}  // namespace ballast::report
