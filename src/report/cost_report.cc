#include "report/cost_report.h"

#include <cmath>
#include <cstdio>

#include "report/text_table.h"
#include "util/human_bytes.h"

namespace ballast::report {
namespace {

const char* source_name(cost::SizeSource s) {
  switch (s) {
    case cost::SizeSource::kStored: return "stored";
    case cost::SizeSource::kEstimated: return "estimated";
    case cost::SizeSource::kUncompressed: return "uncompressed";
  }
  return "stored";
}

std::string sizes_note(bool estimated, bool uncompressed) {
  if (uncompressed) return "; some layers counted uncompressed (their compressed size is unknown: read from a stream)";
  if (estimated) return "; compressed sizes estimated with ISA-L gzip (docs/cost.md#compressed-sizes)";
  return "";
}

nlohmann::json rates_json(const cost::CostRates& r) {
  return {{"storage_per_gb_month", r.storage_per_gb_month},
          {"egress_per_gb", r.egress_per_gb},
          {"pulls_per_day", r.pulls_per_day},
          {"bandwidth_mbps", r.bandwidth_mbps},
          {"base_shared", r.base_shared},
          {"currency", r.currency}};
}

std::string signed_money(double amount, const std::string& currency) {
  return (amount >= 0 ? "+" : "") + format_money(amount, currency);
}

std::string signed_seconds(double s) { return (s >= 0 ? "+" : "-") + format_seconds(std::fabs(s)); }

}  // namespace

std::string format_money(double amount, const std::string& currency) {
  char buf[64];
  double a = std::fabs(amount);
  const char* fmt = a >= 100 ? "%.0f" : a >= 1 ? "%.2f" : a >= 0.01 ? "%.3f" : "%.5f";
  std::snprintf(buf, sizeof buf, fmt, amount);
  if (currency == "USD") {
    std::string s(buf);
    return s.starts_with('-') ? "-$" + s.substr(1) : "$" + s;
  }
  return std::string(buf) + " " + currency;
}

std::string format_seconds(double s) {
  char buf[64];
  if (s < 60) std::snprintf(buf, sizeof buf, "%.1f s", s);
  else if (s < 3600) std::snprintf(buf, sizeof buf, "%d min %d s", static_cast<int>(s / 60), static_cast<int>(std::fmod(s, 60)));
  else std::snprintf(buf, sizeof buf, "%.1f h", s / 3600);
  return buf;
}

std::string render_cost_text(const cost::ImageCost& c, bool exact) {
  const auto& r = c.rates;
  char pulls[32];
  std::snprintf(pulls, sizeof pulls, "%g", r.pulls_per_day);
  char mbps[32];
  std::snprintf(mbps, sizeof mbps, "%g", r.bandwidth_mbps);
  std::size_t pulled = 0;
  for (const auto& l : c.layers) pulled += l.pulled;
  std::string out = "Cost       " + format_money(c.per_month, r.currency) + "/month: storage " +
                    format_money(c.storage_per_month, r.currency) + " (" + format_bytes(c.compressed_bytes, exact) +
                    " compressed) + egress " + format_money(c.egress_per_month, r.currency) + " (" + pulls +
                    " pulls/day)\n";
  out += "Per pull   " + format_money(c.per_pull, r.currency) + ", " + format_seconds(c.seconds_per_pull) + " at " +
         mbps + " Mbit/s (" + format_bytes(c.pull_bytes, exact) + ": " + std::to_string(pulled) + " of " +
         std::to_string(c.layers.size()) + " layers" +
         (r.base_shared && c.base_layers > 0 ? ", the base's " + std::to_string(c.base_layers) + " already on the host"
                                             : "") +
         "; cold pull " + format_seconds(c.seconds_cold_pull) + ")" + sizes_note(c.estimated, c.uncompressed) + "\n";
  return out;
}

std::string render_finding_costs_text(const cost::ImageCost& c, const attribution::WasteReport& waste,
                                      std::size_t top, bool exact) {
  using Align = TextTable::Align;
  TextTable t({{"ID"}, {"SAVES", Align::kRight}, {"COMPRESSED", Align::kRight}, {"PER MONTH", Align::kRight},
               {"PER PULL", Align::kRight}});
  std::size_t rows = 0;
  for (const auto& f : waste.findings) {
    if (!f.bytes_saved) continue;
    if (rows++ == top) break;
    cost::Saving s = cost::saving(c, f.bytes_saved);
    t.add_row({f.id, format_bytes(f.bytes_saved, exact), format_bytes(s.compressed_bytes, exact),
               format_money(s.per_month, c.rates.currency), format_seconds(s.seconds_per_pull)});
  }
  if (rows == 0) return "";
  return t.render("  ");
}

nlohmann::json finding_saving_json(const cost::ImageCost& c, const std::string& id, std::uint64_t bytes_saved) {
  const cost::Saving s = cost::saving(c, bytes_saved);
  return {{"id", id},
          {"bytes_saved", bytes_saved},
          {"compressed_bytes", s.compressed_bytes},
          {"per_month", s.per_month},
          {"seconds_per_pull", s.seconds_per_pull}};
}

std::string finding_saving_text(const cost::ImageCost& c, std::uint64_t bytes_saved) {
  if (!bytes_saved) return "";
  const cost::Saving s = cost::saving(c, bytes_saved);
  return ", " + format_money(s.per_month, c.rates.currency) + "/month and " + format_seconds(s.seconds_per_pull) +
         " per pull";
}

nlohmann::json cost_to_json(const cost::ImageCost& c, const attribution::WasteReport* waste) {
  const auto& r = c.rates;
  nlohmann::json layers = nlohmann::json::array();
  for (std::size_t i = 0; i < c.layers.size(); ++i)
    layers.push_back({{"index", i},
                      {"compressed_bytes", c.layers[i].compressed_bytes},
                      {"size_source", source_name(c.layers[i].source)},
                      {"pulled", c.layers[i].pulled}});
  nlohmann::json j = {
      {"rates", rates_json(r)},
      {"base_layers", c.base_layers},
      {"compressed_bytes", c.compressed_bytes},
      {"pull_bytes", c.pull_bytes},
      {"estimated", c.estimated},
      {"uncompressed", c.uncompressed},
      {"storage_per_month", c.storage_per_month},
      {"egress_per_month", c.egress_per_month},
      {"per_month", c.per_month},
      {"per_pull", c.per_pull},
      {"seconds_per_pull", c.seconds_per_pull},
      {"seconds_cold_pull", c.seconds_cold_pull},
      {"layers", std::move(layers)}};
  if (waste) {
    nlohmann::json findings = nlohmann::json::array();
    for (const auto& f : waste->findings) {
      if (!f.bytes_saved) continue;
      findings.push_back(finding_saving_json(c, f.id, f.bytes_saved));
    }
    j["findings"] = std::move(findings);
  }
  return j;
}

std::string render_cost_change_text(const cost::CostChange& c, bool exact) {
  const auto& r = c.b.rates;
  char pulls[32];
  std::snprintf(pulls, sizeof pulls, "%g", r.pulls_per_day);
  char mbps[32];
  std::snprintf(mbps, sizeof mbps, "%g", r.bandwidth_mbps);
  std::string out = "cost         " + format_money(c.a.per_month, r.currency) + "/month -> " +
                    format_money(c.b.per_month, r.currency) + "/month: " + signed_money(c.per_month_delta(), r.currency) +
                    "/month (storage + egress at " + pulls + " pulls/day)\n";
  out += "per pull     " + format_seconds(c.a.seconds_per_pull) + " -> " + format_seconds(c.b.seconds_per_pull) + ": " +
         signed_seconds(c.seconds_per_pull_delta()) + ", " + signed_money(c.per_pull_delta(), r.currency) + " at " + mbps +
         " Mbit/s (" + format_bytes(c.a.pull_bytes, exact) + " -> " + format_bytes(c.b.pull_bytes, exact) + ")\n";
  out += "update pull  " + format_seconds(c.seconds_update_pull) + ", " + format_money(c.update_per_pull, r.currency) +
         " (" + format_bytes(c.update_pull_bytes, exact) + ": " + std::to_string(c.update_layers) + " of B's " +
         std::to_string(c.b.layers.size()) + " layers a host holding A lacks)" +
         sizes_note(c.estimated(), c.uncompressed()) + "\n";
  return out;
}

std::string render_cost_change_markdown(const cost::CostChange& c) {
  const auto& r = c.b.rates;
  const double month = c.per_month_delta();
  std::string out = "≈ " + format_money(std::fabs(month), r.currency) + "/month " + (month < 0 ? "less" : "more") + ", " +
                    signed_seconds(c.seconds_per_pull_delta()) + " per pull (an update from A pulls " +
                    format_seconds(c.seconds_update_pull) + ")";
  if (c.uncompressed()) out += "; some layers counted uncompressed";
  else if (c.estimated()) out += "; compressed sizes estimated with ISA-L gzip";
  return out + "\n";
}

nlohmann::json cost_change_to_json(const cost::CostChange& c) {
  auto side = [](const cost::ImageCost& s) {
    return nlohmann::json{{"compressed_bytes", s.compressed_bytes}, {"pull_bytes", s.pull_bytes},
                          {"base_layers", s.base_layers},           {"storage_per_month", s.storage_per_month},
                          {"egress_per_month", s.egress_per_month}, {"per_month", s.per_month},
                          {"per_pull", s.per_pull},                 {"seconds_per_pull", s.seconds_per_pull},
                          {"estimated", s.estimated},               {"uncompressed", s.uncompressed}};
  };
  return {{"rates", rates_json(c.b.rates)},
          {"a", side(c.a)},
          {"b", side(c.b)},
          {"change",
           {{"per_month", c.per_month_delta()},
            {"per_pull", c.per_pull_delta()},
            {"seconds_per_pull", c.seconds_per_pull_delta()}}},
          {"update",
           {{"layers", c.update_layers},
            {"pull_bytes", c.update_pull_bytes},
            {"per_pull", c.update_per_pull},
            {"seconds_per_pull", c.seconds_update_pull}}},
          {"estimated", c.estimated()},
          {"uncompressed", c.uncompressed()}};
}

}  // namespace ballast::report
