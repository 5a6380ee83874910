#include <algorithm>

#include "analysis/analyze_report.h"
#include "image/created_by.h"
#include "report/analyze_report.h"
#include "report/breakdown_text.h"
#include "report/cost_report.h"
#include "report/text_table.h"
#include "report/verification_text.h"
#include "util/human_bytes.h"

namespace ballast::report {
namespace {

using image::ImageModel;
using Align = TextTable::Align;

constexpr std::size_t kCommandWidth = 70;

std::string shorten(std::string s, std::size_t max) {
  for (char& c : s)
    if (c == '\n' || c == '\t') c = ' ';
  if (s.size() > max) s = s.substr(0, max - 3) + "...";
  return s;
}

std::string plural(std::uint64_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

double fraction(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

std::string layer_table(const ImageModel& m, bool exact) {
  TextTable t({{"#", Align::kRight},
               {"SIZE", Align::kRight},
               {"STORED", Align::kRight},
               {"FILES", Align::kRight},
               {"RECLAIMABLE", Align::kRight},
               {"CREATED BY"}});
  auto layer_row = [&](const image::LayerSummary& l, const std::string& cmd) {
    t.add_row({std::to_string(l.index), format_bytes(l.files_size, exact),
               format_bytes(l.stored_size, exact), std::to_string(l.file_count),
               format_bytes(l.reclaimable, exact), shorten(cmd, kCommandWidth)});
  };
  if (m.history.empty()) {
    for (const auto& l : m.layers) layer_row(l, "");
  } else {
    for (const auto& h : m.history) {
      std::string cmd = image::instruction_from_created_by(h.entry.created_by);
      if (h.layer >= 0)
        layer_row(m.layers[h.layer], cmd);
      else
        t.add_row({"", "-", "", "", "", shorten(cmd, kCommandWidth)});
    }
  }
  return t.render("  ");
}

}  // namespace

std::string render_analyze_text(const analysis::AnalyzeReport& report, const AnalyzeRenderOptions& o) {
  const ImageModel& m = report.image;
  const bool exact = o.exact_bytes;
  std::string out;
  if (report.has_findings) out += render_savings_headline(report.waste, exact) + "\n";
  out += "Image      " + m.description + "  " + m.config.os + "/" + m.config.architecture + "\n";
  out += "Layers     " + std::to_string(m.layers.size()) + ", " + format_bytes(m.stored_bytes, exact) +
         " stored, " + format_bytes(m.final_bytes, exact) + " in the final filesystem\n";
  if (!m.layers.empty()) out += "Verified   " + verification_summary(m.layers) + "\n";
  out += "Reclaimable " + format_bytes(m.reclaimable_bytes, exact) + " (" +
         format_percent(fraction(m.reclaimable_bytes, m.stored_bytes)) +
         " of stored bytes are not visible in the final filesystem)\n";
  if (report.cost) out += render_cost_text(*report.cost, exact);
  out += "\n" + layer_table(m, exact);

  if (report.has_findings && !report.waste.findings.empty()) {
    out += "\nFindings (errors first, then by bytes saved):\n";
    out += render_findings_text(report.waste, o.top, exact);
    if (report.cost) {
      std::string costs = render_finding_costs_text(*report.cost, report.waste, o.top, exact);
      if (!costs.empty()) out += "\nWhat the findings save (compressed at the image's own ratio):\n" + costs;
    }
  }
  if (report.breakdown) {
    out += "\nBreakdown by " + report.breakdown->dimensions + ":\n";
    out += render_breakdown_text(report.breakdown->tree, exact);
  }
  if (report.attributed) {
    // A header only over rows: an image without a package database has no "Largest packages".
    if (std::string t = render_category_table(report, exact); !t.empty()) out += "\nSize by category:\n" + t;
    if (std::string t = render_package_table(report, o.top, exact); !t.empty()) out += "\nLargest packages:\n" + t;
  }

  if (m.reclaimable_bytes > 0) {
    out += "\nReclaimable by reason:";
    for (int r = 0; r < image::kShadowReasonCount; ++r)
      if (m.reclaimable_by_reason[r])
        out += "  " + std::string(image::to_string(static_cast<image::ShadowReason>(r))) + " " +
               format_bytes(m.reclaimable_by_reason[r], exact);
    out += "\n\nTop reclaimable paths:\n";
    TextTable t({{"SIZE", Align::kRight}, {"REASON"}, {"ADDED", Align::kRight},
                 {"HIDDEN BY", Align::kRight}, {"PATH"}});
    for (std::size_t i = 0; i < std::min(o.top, m.reclaimable.size()); ++i) {
      const auto& r = m.reclaimable[i];
      t.add_row({format_bytes(r.size, exact), std::string(image::to_string(r.reason)),
                 std::to_string(r.added_layer), std::to_string(r.shadowed_layer), "/" + r.path});
    }
    if (!t.empty()) out += t.render("  ");
    if (m.reclaimable.size() > o.top)
      out += "  ... " + std::to_string(m.reclaimable.size() - o.top) + " more\n";
  }

  if (!m.duplicates.empty()) {
    std::uint64_t wasted = 0;
    for (const auto& d : m.duplicates) wasted += d.wasted();
    out += "\nDuplicate files: " + plural(m.duplicates.size(), "set") + ", " +
           format_bytes(wasted, exact) + " in extra copies\n";
    TextTable t({{"EXTRA", Align::kRight}, {"COPIES", Align::kRight}, {"PATHS"}});
    for (std::size_t i = 0; i < std::min(o.top, m.duplicates.size()); ++i) {
      const auto& d = m.duplicates[i];
      std::string paths;
      for (std::size_t p = 0; p < d.paths.size() && p < 3; ++p) paths += (p ? ", /" : "/") + d.paths[p];
      if (d.paths.size() > 3) paths += ", ...";
      t.add_row({format_bytes(d.wasted(), exact), std::to_string(d.paths.size()), paths});
    }
    if (!t.empty()) out += t.render("  ");
  }

  if (!report.largest_files.empty()) {
    out += "\nLargest files:\n";
    TextTable t({{"SIZE", Align::kRight}, {"LAYER", Align::kRight}, {"PATH"}});
    for (const auto& f : report.largest_files)
      t.add_row({format_bytes(f.size, exact), std::to_string(f.layer), "/" + f.path});
    out += t.render("  ");
  }
  if (!report.largest_directories.empty()) {
    out += "\nLargest directories:\n";
    TextTable t({{"SIZE", Align::kRight}, {"PATH"}});
    for (const auto& d : report.largest_directories)
      t.add_row({format_bytes(d.size, exact), "/" + d.path});
    out += t.render("  ");
  }

  out += "\ndive-compatible: efficiency " + format_percent(m.dive.efficiency) + ", wasted " +
         format_bytes(m.dive.wasted_bytes, exact) + ", user wasted " +
         format_percent(m.dive.user_wasted_percent) + "\n";
  for (const auto& w : report.warnings) out += "warning: " + w + "\n";
  return out;
}

}  // namespace ballast::report
