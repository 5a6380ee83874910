#include "report/diff_html.h"

#include "diff/image_diff.h"
#include "report/analyze_html.h"
#include "report/diff_report.h"
#include "report/html_escape.h"
#include "util/human_bytes.h"

namespace ballast::report {
namespace {

using diff::Change;
using diff::ImageDiff;

std::string esc(std::string_view s) { return html_escape(s); }

std::string bytes_cell(std::uint64_t n, std::string_view side) {
  return "<td class=\"num\" data-side=\"" + std::string(side) + "\" data-bytes=\"" + std::to_string(n) + "\" title=\"" +
         std::to_string(n) + " bytes\">" + human_bytes(n) + "</td>";
}

std::string delta_cell(std::int64_t d) {
  const char* cls = d > 0 ? "num grew" : d < 0 ? "num shrank" : "num";
  return std::string("<td class=\"") + cls + "\" data-side=\"change\" data-delta=\"" + std::to_string(d) + "\" title=\"" +
         std::to_string(d) + " bytes\">" + esc(signed_bytes_text(d, false)) + "</td>";
}

std::string count_delta_cell(std::int64_t d) {
  return "<td class=\"num\" data-side=\"change\" data-delta=\"" + std::to_string(d) + "\">" + (d > 0 ? "+" : "") +
         std::to_string(d) + "</td>";
}

std::string totals_section(const ImageDiff& d) {
  std::string out =
      "<section id=\"totals\"><h2>Totals</h2><table class=\"kv\"><thead><tr><th></th><th>A</th><th>B</th><th>Change</th>"
      "</tr></thead><tbody>";
  auto row = [&](const char* key, const char* label, const diff::Totals& t) {
    out += "<tr data-total=\"" + std::string(key) + "\"><th>" + label + "</th>" + bytes_cell(t.a, "a") + bytes_cell(t.b, "b") +
           delta_cell(t.delta()) + "</tr>";
  };
  row("stored_bytes", "Stored", d.stored);
  row("final_bytes", "Final filesystem", d.final);
  row("compressed_bytes", "Compressed", d.compressed);
  row("reclaimable_bytes", "Reclaimable", d.reclaimable);
  out += "<tr data-total=\"layers\"><th>Layers</th><td class=\"num\" data-side=\"a\" data-bytes=\"" + std::to_string(d.layers.a) +
         "\">" + std::to_string(d.layers.a) + "</td><td class=\"num\" data-side=\"b\" data-bytes=\"" + std::to_string(d.layers.b) +
         "\">" + std::to_string(d.layers.b) + "</td>" + count_delta_cell(d.layers.delta()) + "</tr>";
  return out + "</tbody></table></section>";
}

std::string layers_section(const ImageDiff& d) {
  std::string out = "<section id=\"layers\"><h2>Layers</h2><p class=\"note\">B shares " +
                    std::to_string(d.shared_layers.size()) + " layers with A (same diffID, " + human_bytes(d.shared_bytes) +
                    "): they are stored and pulled once.</p><div class=\"scroll\"><table><thead><tr><th></th><th>Size</th>"
                    "<th>Compressed</th><th>Instruction</th><th>diffID</th></tr></thead><tbody>";
  auto rows = [&](const std::vector<diff::LayerMatch>& ls, const char* status, const char* sign) {
    for (const auto& l : ls)
      out += "<tr data-layer=\"" + std::string(status) + "\"><td>" + sign + "</td>" + bytes_cell(l.size, "size") +
             bytes_cell(l.compressed_size, "compressed") + "<td><code>" + esc(l.instruction) + "</code></td><td><code>" +
             esc(l.diff_id.substr(0, 19)) + "</code></td></tr>";
  };
  rows(d.added_layers, "added", "+");
  rows(d.removed_layers, "removed", "−");
  rows(d.shared_layers, "shared", "=");
  return out + "</tbody></table></div></section>";
}

void tree_rows(const diff::DiffNode& n, int depth, std::string& out) {
  for (const auto& c : n.children) {
    const char* status = c.folded ? "others" : c.is_new() ? "new" : c.is_deleted() ? "deleted" : "changed";
    out += "<tr data-row=\"" + esc(c.name) + "\" data-depth=\"" + std::to_string(depth) + "\" data-status=\"" + status + "\">" +
           delta_cell(c.stored.delta()) + delta_cell(c.final.delta()) + "<td style=\"padding-left:" +
           std::to_string(8 + 16 * depth) + "px\">" + esc(c.name) +
           (c.is_new() ? " <small>[new]</small>" : c.is_deleted() ? " <small>[deleted]</small>" : "") + "</td></tr>";
    tree_rows(c, depth + 1, out);
  }
}

std::string tree_section(const ImageDiff& d) {
  if (!d.has_tree) return "";
  std::string dims;
  for (const auto& n : d.dimension_names) dims += (dims.empty() ? "" : ", ") + n;
  std::string out = "<section id=\"breakdown\"><h2>Change by " + esc(dims) +
                    "</h2><div class=\"scroll\"><table><thead><tr><th>Stored</th><th>Final</th><th>Row</th></tr></thead>"
                    "<tbody><tr data-row=\"TOTAL\" data-depth=\"0\">" +
                    delta_cell(d.tree.stored.delta()) + delta_cell(d.tree.final.delta()) + "<td><b>TOTAL</b></td></tr>";
  tree_rows(d.tree, 1, out);
  return out + "</tbody></table></div></section>";
}

std::string packages_section(const ImageDiff& d, std::size_t top) {
  if (!d.attributed) return "";
  std::string out = "<section id=\"packages\"><h2>Packages</h2>";
  if (d.packages.empty()) out += "<p>No package changed.</p>";
  else {
    out += "<div class=\"scroll tall\"><table><thead><tr><th></th><th>Package</th><th>Version</th><th>A</th><th>B</th>"
           "<th>Change</th></tr></thead><tbody>";
    for (const auto& p : d.packages) {
      const std::string version = p.change == Change::kChanged ? p.version_a + " → " + p.version_b
                                  : p.change == Change::kAdded ? p.version_b
                                                               : p.version_a;
      out += "<tr data-package=\"" + esc(p.label) + "\" data-change=\"" + std::string(diff::to_string(p.change)) + "\"><td>" +
             std::string(p.change == Change::kAdded ? "+" : p.change == Change::kRemoved ? "−" : "~") + "</td><td>" +
             esc(p.label) + "</td><td>" + esc(version) + "</td>" + bytes_cell(p.stored.a, "a") + bytes_cell(p.stored.b, "b") +
             delta_cell(p.stored.delta()) + "</tr>";
    }
    out += "</tbody></table></div>";
  }
  out += "<h3>Categories</h3><table><thead><tr><th>Category</th><th>A</th><th>B</th><th>Change</th></tr></thead><tbody>";
  std::size_t shown = 0;
  for (const auto& [name, t] : d.categories) {
    if (shown++ == top * 4) break;
    out += "<tr data-category=\"" + esc(name) + "\"><td>" + esc(name) + "</td>" + bytes_cell(t.a, "a") + bytes_cell(t.b, "b") +
           delta_cell(t.delta()) + "</tr>";
  }
  return out + "</tbody></table></section>";
}

std::string mode_text(std::uint32_t m) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04o", m & 07777);
  return buf;
}

std::string files_section(const ImageDiff& d) {
  if (!d.has_files) return "";
  std::string out = "<section id=\"files\"><h2>Files</h2>";
  if (d.files_by_size_only) out += "<p class=\"note\">A side has no content hashes: contents compared by size.</p>";
  if (d.files.empty()) out += "<p>No file changed.</p>";
  else {
    out += "<div class=\"scroll tall\"><table><thead><tr><th></th><th>Path</th><th>A</th><th>B</th><th>What</th></tr></thead>"
           "<tbody>";
    for (const auto& f : d.files) {
      std::string what;
      if (f.change == Change::kChanged) {
        if (f.content) what += "contents ";
        if (f.mode) what += "mode " + mode_text(f.mode_a) + "→" + mode_text(f.mode_b) + " ";
        if (f.owner)
          what += "owner " + std::to_string(f.uid_a) + ":" + std::to_string(f.gid_a) + "→" + std::to_string(f.uid_b) + ":" +
                  std::to_string(f.gid_b);
      }
      out += "<tr data-path=\"" + esc(f.path) + "\" data-change=\"" + std::string(diff::to_string(f.change)) + "\"><td>" +
             std::string(f.change == Change::kAdded ? "+" : f.change == Change::kRemoved ? "−" : "~") + "</td><td><code>" +
             esc(f.path) + "</code></td>" + bytes_cell(f.size_a, "a") + bytes_cell(f.size_b, "b") + "<td>" + esc(what) +
             "</td></tr>";
    }
    out += "</tbody></table></div>";
  }
  if (d.files_ignored) out += "<p class=\"note\">" + std::to_string(d.files_ignored) + " changes left out by --ignore.</p>";
  return out + "</section>";
}

std::string config_section(const ImageDiff& d) {
  std::string out = "<section id=\"config\"><h2>Config</h2>";
  if (d.config.empty()) return out + "<p>The runtime config is the same.</p></section>";
  out += "<div class=\"scroll\"><table><thead><tr><th>Field</th><th>Key</th><th>A</th><th>B</th></tr></thead><tbody>";
  for (const auto& c : d.config)
    out += "<tr data-config=\"" + esc(c.field) + "\" data-change=\"" + std::string(diff::to_string(c.change)) + "\"><td>" +
           esc(c.field) + "</td><td><code>" + esc(c.key) + "</code></td><td><code>" + esc(c.a) + "</code></td><td><code>" +
           esc(c.b) + "</code></td></tr>";
  return out + "</tbody></table></div></section>";
}

std::string findings_section(const ImageDiff& d) {
  if (!d.has_findings) return "";
  std::string out = "<section id=\"findings\"><h2>Findings</h2>";
  if (d.findings.empty()) return out + "<p>B has the same findings as A.</p></section>";
  out += "<div class=\"scroll\"><table><thead><tr><th></th><th>Saves</th><th>Finding</th><th>Fix</th></tr></thead><tbody>";
  for (const auto& fc : d.findings) {
    const auto& f = fc.finding;
    out += "<tr data-finding=\"" + esc(f.id) + "\" data-status=\"" + (fc.fixed ? "fixed" : "new") + "\"><td>" +
           (fc.fixed ? "fixed" : "new") + "</td>" + bytes_cell(f.bytes_saved, "saves") + "<td><span class=\"sev " +
           std::string(model::to_string(f.severity)) + "\">" + std::string(model::to_string(f.severity)) + "</span> <code>" +
           esc(f.id) + "</code><br>" + esc(f.message) + "</td><td>" + esc(f.fix) + "</td></tr>";
  }
  return out + "</tbody></table></div></section>";
}

}  // namespace

std::string render_diff_html(const ImageDiff& d, std::size_t top) {
  const std::string a = d.name_a.empty() ? d.a : d.name_a, b = d.name_b.empty() ? d.b : d.name_b;
  const std::string title = a + " → " + b;
  std::string out;
  out.reserve(1 << 15);
  out += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"generator\" content=\"ballast\">"
         "<title>ballast diff: " +
         esc(title) + "</title><style>" + kHtmlStyle +
         "td.grew{color:#a33}td.shrank{color:#2a7a2a}h3{font-size:14px;margin:16px 0 4px}</style></head><body>\n";
  out += "<header><h1>" + esc(title) + "</h1><p class=\"src\">A <code>" + esc(d.a) + "</code>, B <code>" + esc(d.b) +
         "</code></p><dl class=\"summary\"><div><dt>Stored change</dt><dd data-key=\"stored_change\" data-delta=\"" +
         std::to_string(d.stored.delta()) + "\">" + esc(signed_bytes_text(d.stored.delta(), false)) + " <small>" +
         human_bytes(d.stored.a) + " → " + human_bytes(d.stored.b) + "</small></dd></div><div><dt>Shared with A</dt><dd>" +
         human_bytes(d.shared_bytes) + " <small>" + std::to_string(d.shared_layers.size()) + " layers</small></dd></div></dl></header>\n";
  out += "<nav class=\"toc\"><a href=\"#totals\">Totals</a> <a href=\"#layers\">Layers</a>" +
         std::string(d.has_tree ? " <a href=\"#breakdown\">Change</a>" : "") +
         (d.attributed ? " <a href=\"#packages\">Packages</a>" : "") + (d.has_files ? " <a href=\"#files\">Files</a>" : "") +
         " <a href=\"#config\">Config</a>" + (d.has_findings ? " <a href=\"#findings\">Findings</a>" : "") + "</nav>\n<main>";
  out += totals_section(d) + "\n" + layers_section(d) + "\n" + tree_section(d) + "\n" + packages_section(d, top) + "\n" +
         files_section(d) + "\n" + config_section(d) + "\n" + findings_section(d) + "</main>\n</body></html>\n";
  return out;
}

}  // namespace ballast::report
