#include "report/analyze_html.h"

#include <algorithm>

#include "analysis/analyze_report.h"
#include "image/created_by.h"
#include "report/html_escape.h"
#include "report/fs_tree_items.h"
#include "report/html_tree.h"
#include "util/human_bytes.h"

namespace ballast::report {
namespace {

using image::ImageModel;
using nlohmann::json;

std::string esc(std::string_view s) { return html_escape(s); }

// A byte count as people read it, with the exact count beside it for
// machines (data-bytes) and for hover (title).
std::string bytes_cell(std::uint64_t n, std::string_view key = {}) {
  std::string out = "<td class=\"num\" data-bytes=\"" + std::to_string(n) + "\"";
  if (!key.empty()) out += " data-key=\"" + std::string(key) + "\"";
  return out + " title=\"" + std::to_string(n) + " bytes\">" + human_bytes(n) + "</td>";
}

std::string count_cell(std::uint64_t n) { return "<td class=\"num\">" + std::to_string(n) + "</td>"; }

std::string percent(std::uint64_t part, std::uint64_t whole) {
  return format_percent(whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole));
}

// Width of a bar as a CSS percentage, three decimals (layout only).
std::string width(std::uint64_t part, std::uint64_t whole) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f%%", whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buf;
}

std::string instruction_of(const ImageModel& m, const image::LayerSummary& l) {
  return l.history_index >= 0 ? image::instruction_from_created_by(m.history[l.history_index].entry.created_by) : "";
}

std::string clip(std::string s, std::size_t max) {
  if (s.size() > max) s = s.substr(0, max) + "…";
  return s;
}

std::string summary(const analysis::AnalyzeReport& r) {
  const ImageModel& m = r.image;
  std::uint64_t files = 0;
  for (const auto& l : m.layers) files += l.file_count;
  auto item = [](const std::string& label, const std::string& key, std::uint64_t n, const std::string& note) {
    return "<div><dt>" + label + "</dt><dd data-key=\"" + key + "\" data-bytes=\"" + std::to_string(n) +
           "\" title=\"" + std::to_string(n) + " bytes\">" + human_bytes(n) +
           (note.empty() ? "" : " <small>" + note + "</small>") + "</dd></div>";
  };
  std::string out = "<dl class=\"summary\">";
  out += item("Stored", "stored_bytes", m.stored_bytes, std::to_string(m.layers.size()) + " layers, " +
                                                            std::to_string(files) + " entries");
  out += item("Final filesystem", "final_bytes", m.final_bytes, std::to_string(m.final_files.size()) + " entries");
  out += item("Reclaimable", "reclaimable_bytes", m.reclaimable_bytes,
              percent(m.reclaimable_bytes, m.stored_bytes) + " of stored, not visible");
  if (r.has_findings)
    out += item("Findings would save", "savings", r.waste.total_saving,
                percent(r.waste.total_saving, r.waste.stored_bytes) + " of stored");
  out += "</dl>";
  return out;
}

std::string layers_section(const ImageModel& m) {
  std::uint64_t widest = 1;
  for (const auto& l : m.layers) widest = std::max(widest, l.files_size);
  std::string out =
      "<section id=\"layers\"><h2>Layers</h2><p class=\"note\">Bar: the bytes each layer stores, "
      "<span class=\"key kept\"></span> still visible at the end and <span class=\"key lost\"></span> reclaimable "
      "(hidden or deleted by a later layer).</p><div class=\"scroll\"><table class=\"layers\"><thead><tr><th>#</th>"
      "<th>Size</th><th>Compressed</th><th>Files</th><th>Reclaimable</th><th class=\"barcol\">Stored vs reclaimable</th>"
      "<th>Created by</th></tr></thead><tbody>";
  for (const auto& l : m.layers) {
    const std::uint64_t lost = std::min(l.reclaimable, l.files_size);
    const std::string created = l.history_index >= 0 ? m.history[l.history_index].entry.created_by : "";
    out += "<tr data-layer=\"" + std::to_string(l.index) + "\"><td class=\"num\">" + std::to_string(l.index) + "</td>" +
           bytes_cell(l.files_size, "files_size") + bytes_cell(l.stored_size, "stored_size") + count_cell(l.file_count) +
           bytes_cell(l.reclaimable, "reclaimable") + "<td class=\"barcol\"><div class=\"bar\" role=\"img\" aria-label=\"" +
           human_bytes(l.files_size) + " stored, " + human_bytes(l.reclaimable) + " reclaimable\"><span class=\"kept\" style=\"width:" +
           width(l.files_size - lost, widest) + "\"></span><span class=\"lost\" style=\"width:" + width(lost, widest) +
           "\"></span></div></td><td class=\"cmd\"><code>" + esc(instruction_of(m, l)) + "</code>" +
           (created.empty() ? "" : "<details><summary>created_by</summary><pre>" + esc(created) + "</pre></details>") +
           "</td></tr>";
  }
  return out + "</tbody></table></div></section>";
}

std::string findings_section(const analysis::AnalyzeReport& r) {
  if (!r.has_findings) return "";
  std::string out = "<section id=\"findings\"><h2>Findings</h2>";
  if (r.waste.findings.empty()) out += "<p>No waste found.</p>";
  else {
    out += "<div class=\"scroll\"><table><thead><tr><th>Saves</th><th>Finding</th><th>Fix</th><th>Where</th></tr></thead><tbody>";
    for (const auto& f : r.waste.findings) {
      std::string where;
      if (!f.layers.empty()) {
        where += "layers";
        for (int l : f.layers) where += " " + std::to_string(l);
        where += "<br>";
      }
      // Finding paths are absolute already (model::Finding), unlike the model's.
      for (std::size_t i = 0; i < f.paths.size() && i < 5; ++i) where += "<code>" + esc(f.paths[i]) + "</code><br>";
      if (f.paths.size() > 5) where += "and " + std::to_string(f.paths.size() - 5) + " more";
      out += "<tr data-finding=\"" + esc(f.id) + "\">" + bytes_cell(f.bytes_saved, "bytes_saved") + "<td><span class=\"sev " +
             std::string(model::to_string(f.severity)) + "\">" + std::string(model::to_string(f.severity)) + "</span> <code>" +
             esc(f.id) + "</code><br>" + esc(f.message) + "</td><td>" + esc(f.fix) + "</td><td class=\"where\">" + where +
             "</td></tr>";
    }
    out += "</tbody></table></div>";
  }
  for (const auto& n : r.waste.notes) out += "<p class=\"note\">" + esc(n) + "</p>";
  return out + "</section>";
}

std::string categories_section(const analysis::AnalyzeReport& r) {
  if (!r.attributed) return "";
  std::string out =
      "<section id=\"categories\"><h2>Categories</h2><table><thead><tr><th>Category</th><th>Stored</th><th>Final</th>"
      "<th>Files</th></tr></thead><tbody>";
  for (const auto& c : r.categories) {
    if (c.files == 0 && c.stored_bytes == 0) continue;
    out += "<tr data-category=\"" + esc(c.name) + "\"><td>" + esc(c.name) + "</td>" + bytes_cell(c.stored_bytes, "stored_bytes") +
           bytes_cell(c.final_bytes, "final_bytes") + count_cell(c.files) + "</tr>";
  }
  return out + "</tbody></table></section>";
}

std::string packages_section(const analysis::AnalyzeReport& r, std::size_t cap) {
  if (!r.attributed) return "";
  std::string out = "<section id=\"packages\"><h2>Packages</h2>";
  if (r.packages_by_size.empty()) return out + "<p>No package database found in the image.</p></section>";
  out += "<div class=\"scroll tall\"><table><thead><tr><th>Package</th><th>Version</th><th>Stored</th><th>Final</th>"
         "<th>Files</th></tr></thead><tbody>";
  std::size_t shown = 0;
  for (std::uint32_t i : r.packages_by_size) {
    if (shown++ == cap) break;
    const auto& p = r.attribution.packages[i];
    out += "<tr data-package=\"" + esc(p.label) + "\"><td>" + esc(p.label) + "</td><td>" + esc(p.info.version) + "</td>" +
           bytes_cell(p.stored_bytes, "stored_bytes") + bytes_cell(p.final_bytes, "final_bytes") + count_cell(p.files) + "</tr>";
  }
  out += "</tbody></table></div>";
  if (r.packages_by_size.size() > cap)
    out += "<p class=\"note\">and " + std::to_string(r.packages_by_size.size() - cap) +
           " smaller packages (every one is in the JSON report).</p>";
  return out + "</section>";
}

std::string reclaimable_section(const ImageModel& m, std::size_t top) {
  std::string out = "<section id=\"reclaimable\"><h2>Largest reclaimable</h2>";
  if (m.reclaimable.empty()) return out + "<p>Every stored byte is visible in the final filesystem.</p></section>";
  out += "<div class=\"scroll\"><table><thead><tr><th>Size</th><th>Path</th><th>Why</th><th>Added in</th><th>Hidden by</th>"
         "</tr></thead><tbody>";
  for (std::size_t i = 0; i < m.reclaimable.size() && i < top; ++i) {
    const auto& x = m.reclaimable[i];
    out += "<tr>" + bytes_cell(x.size) + "<td><code>/" + esc(x.path) + "</code></td><td>" +
           std::string(image::to_string(x.reason)) + "</td>" + count_cell(x.added_layer) + count_cell(x.shadowed_layer) + "</tr>";
  }
  out += "</tbody></table></div>";
  if (m.reclaimable.size() > top)
    out += "<p class=\"note\">and " + std::to_string(m.reclaimable.size() - top) + " more paths.</p>";
  return out + "</section>";
}

std::string largest_section(const analysis::AnalyzeReport& r) {
  std::string out = "<section id=\"largest\"><h2>Largest files and directories</h2><div class=\"cols\">";
  out += "<table><thead><tr><th>Size</th><th>File</th><th>Layer</th></tr></thead><tbody>";
  for (const auto& p : r.largest_files)
    out += "<tr>" + bytes_cell(p.size) + "<td><code>/" + esc(p.path) + "</code></td>" + count_cell(p.layer) + "</tr>";
  out += "</tbody></table><table><thead><tr><th>Size</th><th>Directory</th></tr></thead><tbody>";
  for (const auto& p : r.largest_directories)
    out += "<tr>" + bytes_cell(p.size) + "<td><code>/" + esc(p.path) + "</code></td></tr>";
  return out + "</tbody></table></div></section>";
}

std::string duplicates_section(const ImageModel& m, std::size_t top) {
  if (m.duplicates.empty()) return "";
  std::string out =
      "<section id=\"duplicates\"><h2>Duplicate contents</h2><div class=\"scroll\"><table><thead><tr><th>Wasted</th>"
      "<th>Size</th><th>Copies</th></tr></thead><tbody>";
  for (std::size_t i = 0; i < m.duplicates.size() && i < top; ++i) {
    const auto& d = m.duplicates[i];
    std::string paths;
    for (std::size_t j = 0; j < d.paths.size() && j < 5; ++j) paths += "<code>/" + esc(d.paths[j]) + "</code><br>";
    if (d.paths.size() > 5) paths += "and " + std::to_string(d.paths.size() - 5) + " more";
    out += "<tr>" + bytes_cell(d.wasted()) + bytes_cell(d.size) + "<td>" + paths + "</td></tr>";
  }
  return out + "</tbody></table></div></section>";
}

std::string dive_section(const ImageModel& m, std::size_t top) {
  const auto& d = m.dive;
  char eff[64], pct[64];
  std::snprintf(eff, sizeof eff, "%.17g", d.efficiency);
  std::snprintf(pct, sizeof pct, "%.17g", d.user_wasted_percent);
  std::string out =
      "<section id=\"dive\"><h2>dive's numbers</h2><p class=\"note\">Computed as dive 0.13 computes them, for "
      "<code>.dive-ci</code> rules and comparison with <code>dive --ci</code>.</p><table class=\"kv\"><tbody>";
  out += "<tr><th>Efficiency</th><td class=\"num\" data-key=\"efficiency\" data-value=\"" + std::string(eff) + "\">" +
         format_percent(d.efficiency) + "</td></tr>";
  out += "<tr><th>Wasted bytes</th>" + bytes_cell(d.wasted_bytes, "wastedBytes") + "</tr>";
  out += "<tr><th>User size</th>" + bytes_cell(d.user_size, "userSize") + "</tr>";
  out += "<tr><th>User wasted</th><td class=\"num\" data-key=\"userWastedPercent\" data-value=\"" + std::string(pct) + "\">" +
         format_percent(d.user_wasted_percent) + "</td></tr></tbody></table>";
  if (!d.inefficiencies.empty()) {
    out += "<div class=\"scroll\"><table><thead><tr><th>Total</th><th>Count</th><th>Path</th></tr></thead><tbody>";
    for (std::size_t i = 0; i < d.inefficiencies.size() && i < top; ++i) {
      const auto& x = d.inefficiencies[i];
      out += "<tr>" + bytes_cell(x.cumulative_size) + count_cell(x.count) + "<td><code>/" + esc(x.path) + "</code></td></tr>";
    }
    out += "</tbody></table></div>";
  }
  return out + "</section>";
}

std::string warnings_section(const analysis::AnalyzeReport& r) {
  if (r.warnings.empty()) return "";
  std::string out = "<section id=\"warnings\"><h2>Warnings</h2><ul>";
  for (const auto& w : r.warnings) out += "<li>" + esc(w) + "</li>";
  return out + "</ul></section>";
}

json page_data(const analysis::AnalyzeReport& r, const HtmlRenderOptions& o) {
  const ImageModel& m = r.image;
  json layers = json::array();
  for (const auto& l : m.layers)
    layers.push_back({{"index", l.index},
                      {"instruction", clip(instruction_of(m, l), 160)},
                      {"files_size", l.files_size},
                      {"reclaimable", l.reclaimable}});
  json categories = json::array();
  json packages = json::array();
  if (r.attributed) {
    for (const auto& n : r.attribution.categories->names()) categories.push_back(n);
    for (const auto& p : r.attribution.packages) packages.push_back(p.label);
  }
  json reasons = json::array();
  for (int i = 0; i < image::kShadowReasonCount; ++i)
    reasons.push_back(std::string(image::to_string(static_cast<image::ShadowReason>(i))));
  return {{"version", 1},
          {"image", m.name.empty() ? m.description : m.name},
          {"stored_bytes", m.stored_bytes},
          {"final_bytes", m.final_bytes},
          {"reclaimable_bytes", m.reclaimable_bytes},
          {"attributed", r.attributed},
          {"layers", layers},
          {"categories", categories},
          {"packages", packages},
          {"reasons", reasons},
          {"tree_children", o.tree_children},
          {"trees",
           {{"final", tree_to_json(build_tree(final_tree_items(r), o.tree_children), 3)},
            {"reclaimable", tree_to_json(build_tree(reclaimable_tree_items(r), o.tree_children), 5)}}}};
}

std::string treemap_section() {
  return "<section id=\"treemap\"><h2>Treemap</h2>"
         "<noscript><p class=\"note\">The treemap needs JavaScript; every number is in the tables below.</p></noscript>"
         "<div class=\"controls\" hidden><label>View <select id=\"view\"><option value=\"final\">Final filesystem</option>"
         "<option value=\"reclaimable\">Reclaimable bytes</option></select></label> <label>Colour by <select id=\"colour\">"
         "</select></label> <span class=\"hint\">Click or Enter: open a directory. Backspace or Escape: up.</span></div>"
         "<nav id=\"crumbs\" aria-label=\"Directory\"></nav><div id=\"map\" role=\"group\" aria-label=\"Treemap\"></div>"
         "<div id=\"legend\" aria-label=\"Legend\"></div><p id=\"status\" aria-live=\"polite\"></p>"
         "<div id=\"tip\" role=\"tooltip\" hidden></div></section>";
}

}  // namespace

std::string render_analyze_html(const analysis::AnalyzeReport& r, const HtmlRenderOptions& o) {
  const ImageModel& m = r.image;
  const std::string title = m.name.empty() ? m.description : m.name;
  std::string out;
  out.reserve(1 << 16);
  out += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
         "script-src 'unsafe-inline'; img-src data:\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<meta name=\"generator\" content=\"ballast\"><title>ballast: " +
         esc(title) + "</title><style>" + kHtmlStyle + "</style></head><body>\n";
  out += "<header><h1>" + esc(title) + "</h1><p class=\"src\"><code>" + esc(m.description) + "</code> " +
         esc(m.config.os) + "/" + esc(m.config.architecture) + (m.config.variant.empty() ? "" : "/" + esc(m.config.variant)) +
         "</p>" + summary(r) + "</header>\n";
  out += "<nav class=\"toc\"><a href=\"#treemap\">Treemap</a> <a href=\"#layers\">Layers</a>" +
         std::string(r.has_findings ? " <a href=\"#findings\">Findings</a>" : "") +
         (r.attributed ? " <a href=\"#categories\">Categories</a> <a href=\"#packages\">Packages</a>" : "") +
         " <a href=\"#reclaimable\">Reclaimable</a> <a href=\"#largest\">Largest</a> <a href=\"#dive\">dive</a></nav>\n<main>";
  out += treemap_section() + "\n" + layers_section(m) + "\n" + findings_section(r) + "\n" + categories_section(r) + "\n" +
         packages_section(r, o.package_rows) + "\n" + reclaimable_section(m, o.top) + "\n" + largest_section(r) + "\n" +
         duplicates_section(m, o.top) + "\n" + dive_section(m, o.top) + "\n" + warnings_section(r) + "</main>\n";
  out += "<script type=\"application/json\" id=\"ballast-data\">" + script_json(page_data(r, o)) + "</script>\n";
  out += std::string("<script>") + kHtmlScript + "</script>\n</body></html>\n";
  return out;
}

}  // namespace ballast::report
