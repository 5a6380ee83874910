#include <cstdio>
#include <sstream>

#include "diff/image_diff.h"
#include "model/json_envelope.h"
#include "report/cost_report.h"
#include "report/diff_report.h"
#include "util/human_bytes.h"

namespace ballast::report {
namespace {

using diff::Change;
using diff::DiffNode;
using diff::ImageDiff;
using diff::Totals;

std::string percent_change(const Totals& t) {
  if (t.a == 0) return t.b == 0 ? "" : " (new)";
  char buf[32];
  std::snprintf(buf, sizeof buf, " (%+.1f%%)", 100.0 * static_cast<double>(t.delta()) / static_cast<double>(t.a));
  return buf;
}

std::string mode_text(std::uint32_t mode) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04o", mode & 07777);
  return buf;
}

std::string row_name(const DiffNode& n) {
  if (n.folded) return n.name;
  if (n.is_new()) return "[NEW] " + n.name;
  if (n.is_deleted()) return "[DEL] " + n.name;
  return n.name;
}

void tree_rows(const DiffNode& n, int depth, bool exact, std::ostringstream& out) {
  for (const DiffNode& c : n.children) {
    char line[64];
    std::snprintf(line, sizeof line, "%12s %12s  ", signed_bytes_text(c.stored.delta(), exact).c_str(),
                  signed_bytes_text(c.final.delta(), exact).c_str());
    out << line << std::string(static_cast<std::size_t>(depth) * 2, ' ') << row_name(c) << "\n";
    tree_rows(c, depth + 1, exact, out);
  }
}

std::string package_line(const diff::PackageChange& p, bool exact) {
  std::string s = p.change == Change::kAdded ? "  + " : p.change == Change::kRemoved ? "  - " : "  ~ ";
  s += p.label + " ";
  if (p.change == Change::kChanged) s += p.version_a + " -> " + p.version_b;
  else s += p.change == Change::kAdded ? p.version_b : p.version_a;
  return s + " (" + signed_bytes_text(p.stored.delta(), exact) + ")";
}

}  // namespace

std::string signed_bytes_text(std::int64_t delta, bool exact) {
  if (delta == 0) return exact ? "0" : "0 B";
  const auto magnitude = static_cast<std::uint64_t>(delta < 0 ? -delta : delta);
  return std::string(delta < 0 ? "-" : "+") + format_bytes(magnitude, exact);
}

std::string render_diff_text(const ImageDiff& d, bool exact, std::size_t top) {
  std::ostringstream out;
  out << "ballast diff " << d.a << " -> " << d.b << "\n\n";
  char line[256];
  std::snprintf(line, sizeof line, "%-12s %12s %12s  %s\n", "", "A", "B", "CHANGE");
  out << line;
  auto total = [&](const char* name, const Totals& t) {
    std::snprintf(line, sizeof line, "%-12s %12s %12s  %s%s\n", name, format_bytes(t.a, exact).c_str(),
                  format_bytes(t.b, exact).c_str(), signed_bytes_text(t.delta(), exact).c_str(),
                  percent_change(t).c_str());
    out << line;
  };
  total("stored", d.stored);
  total("final", d.final);
  total("compressed", d.compressed);
  total("reclaimable", d.reclaimable);
  std::snprintf(line, sizeof line, "%-12s %12llu %12llu  %+lld\n", "layers", static_cast<unsigned long long>(d.layers.a),
                static_cast<unsigned long long>(d.layers.b), static_cast<long long>(d.layers.delta()));
  out << line;
  if (d.cost) out << render_cost_change_text(*d.cost, exact);
  out << "shared       " << d.shared_layers.size() << " of B's " << d.layers.b << " layers (" << format_bytes(d.shared_bytes, exact)
      << ") are A's, unchanged\n";
  for (const auto& l : d.added_layers)
    out << "  + layer " << (l.instruction.empty() ? l.diff_id : l.instruction) << " (" << format_bytes(l.size, exact) << ")\n";
  for (const auto& l : d.removed_layers)
    out << "  - layer " << (l.instruction.empty() ? l.diff_id : l.instruction) << " (" << format_bytes(l.size, exact) << ")\n";

  if (d.has_tree) {
    out << "\nChange by ";
    for (std::size_t i = 0; i < d.dimension_names.size(); ++i) out << (i ? "," : "") << d.dimension_names[i];
    out << ":\n";
    std::snprintf(line, sizeof line, "%12s %12s  %s\n", "STORED", "FINAL", "");
    out << line;
    tree_rows(d.tree, 0, exact, out);
    std::snprintf(line, sizeof line, "%12s %12s  TOTAL\n", signed_bytes_text(d.tree.stored.delta(), exact).c_str(),
                  signed_bytes_text(d.tree.final.delta(), exact).c_str());
    out << line;
  }
  if (d.attributed && !d.packages.empty()) {
    out << "\nPackages:\n";
    std::size_t shown = 0;
    for (const auto& p : d.packages) {
      if (shown++ == top) {
        out << "  [" << d.packages.size() - top << " others]\n";
        break;
      }
      out << package_line(p, exact) << "\n";
    }
  }
  if (d.has_files && (!d.files.empty() || d.files_ignored)) {
    out << "\nFiles:\n";
    std::size_t shown = 0;
    for (const auto& f : d.files) {
      if (shown++ == top) {
        out << "  [" << d.files.size() - top << " others]\n";
        break;
      }
      if (f.change == Change::kAdded) out << "  + " << f.path << " (" << format_bytes(f.size_b, exact) << ")\n";
      else if (f.change == Change::kRemoved) out << "  - " << f.path << " (" << format_bytes(f.size_a, exact) << ")\n";
      else {
        out << "  ~ " << f.path;
        if (f.content)
          out << " content " << format_bytes(f.size_a, exact) << " -> " << format_bytes(f.size_b, exact);
        if (f.mode) out << " mode " << mode_text(f.mode_a) << " -> " << mode_text(f.mode_b);
        if (f.owner)
          out << " owner " << f.uid_a << ":" << f.gid_a << " -> " << f.uid_b << ":" << f.gid_b;
        out << "\n";
      }
    }
    if (d.files_ignored) out << "  (" << d.files_ignored << " changes ignored by --ignore)\n";
    if (d.files_by_size_only) out << "  (a side has no content hashes: same-size files compared by size only)\n";
  }
  if (!d.config.empty()) {
    out << "\nConfig:\n";
    for (const auto& c : d.config) {
      out << "  " << c.field;
      if (!c.key.empty()) out << " " << c.key;
      if (c.change == Change::kAdded) out << ": + " << c.b << "\n";
      else if (c.change == Change::kRemoved) out << ": - " << c.a << "\n";
      else out << ": " << c.a << " -> " << c.b << "\n";
    }
  }
  if (d.has_findings && !d.findings.empty()) {
    out << "\nFindings:\n";
    // With --cost a new finding is priced on B (what fixing it would save),
    // a fixed one on A (what fixing it saved).
    for (const auto& f : d.findings)
      out << (f.fixed ? "  fixed " : "  new   ") << f.finding.id << " (" << format_bytes(f.finding.bytes_saved, exact)
          << (d.cost ? finding_saving_text(f.fixed ? d.cost->a : d.cost->b, f.finding.bytes_saved) : "")
          << "): " << f.finding.message << "\n";
  }
  return out.str();
}

namespace {

nlohmann::json totals_json(const Totals& t) { return {{"a", t.a}, {"b", t.b}, {"change", t.delta()}}; }

nlohmann::json node_json(const DiffNode& n) {
  nlohmann::json j = {{"name", n.name},
                      {"status", n.folded ? "others" : n.is_new() ? "new" : n.is_deleted() ? "deleted" : "changed"},
                      {"stored", totals_json(n.stored)},
                      {"final", totals_json(n.final)},
                      {"files_a", n.files_a},
                      {"files_b", n.files_b}};
  if (n.folded) j["folded"] = n.folded;
  if (!n.children.empty()) {
    j["children"] = nlohmann::json::array();
    for (const auto& c : n.children) j["children"].push_back(node_json(c));
  }
  return j;
}

nlohmann::json layer_json(const diff::LayerMatch& l) {
  return {{"diff_id", l.diff_id}, {"instruction", l.instruction}, {"size", l.size}, {"compressed_size", l.compressed_size}};
}

}  // namespace

nlohmann::json diff_to_json(const ImageDiff& d) {
  nlohmann::json doc = model::make_envelope("diff");
  doc["a"] = {{"source", d.a}, {"name", d.name_a}};
  doc["b"] = {{"source", d.b}, {"name", d.name_b}};
  doc["totals"] = {{"stored_bytes", totals_json(d.stored)},
                   {"final_bytes", totals_json(d.final)},
                   {"compressed_bytes", totals_json(d.compressed)},
                   {"reclaimable_bytes", totals_json(d.reclaimable)},
                   {"layers", totals_json(d.layers)}};
  nlohmann::json layers = {{"shared", nlohmann::json::array()},
                           {"added", nlohmann::json::array()},
                           {"removed", nlohmann::json::array()},
                           {"shared_bytes", d.shared_bytes}};
  for (const auto& l : d.shared_layers) layers["shared"].push_back(layer_json(l));
  for (const auto& l : d.added_layers) layers["added"].push_back(layer_json(l));
  for (const auto& l : d.removed_layers) layers["removed"].push_back(layer_json(l));
  doc["layers"] = std::move(layers);
  if (d.cost) doc["cost"] = cost_change_to_json(*d.cost);
  if (d.has_tree) doc["breakdown"] = {{"dimensions", d.dimension_names}, {"tree", node_json(d.tree)}};
  if (d.attributed) {
    nlohmann::json packages = nlohmann::json::array();
    for (const auto& p : d.packages)
      packages.push_back({{"label", p.label},
                          {"change", std::string(diff::to_string(p.change))},
                          {"version_a", p.version_a},
                          {"version_b", p.version_b},
                          {"stored_bytes", totals_json(p.stored)}});
    doc["packages"] = std::move(packages);
    nlohmann::json categories = nlohmann::json::array();
    for (const auto& [name, t] : d.categories) categories.push_back({{"name", name}, {"stored_bytes", totals_json(t)}});
    doc["categories"] = std::move(categories);
  }
  if (d.has_files) {
    nlohmann::json files = nlohmann::json::array();
    for (const auto& f : d.files) {
      nlohmann::json j = {{"path", f.path}, {"change", std::string(diff::to_string(f.change))},
                          {"size_a", f.size_a}, {"size_b", f.size_b}};
      if (f.change == Change::kChanged) {
        j["content"] = f.content;
        j["mode"] = f.mode;
        j["owner"] = f.owner;
        if (f.mode) j["modes"] = {mode_text(f.mode_a), mode_text(f.mode_b)};
        if (f.owner) j["owners"] = {std::to_string(f.uid_a) + ":" + std::to_string(f.gid_a),
                                    std::to_string(f.uid_b) + ":" + std::to_string(f.gid_b)};
      }
      files.push_back(std::move(j));
    }
    doc["files"] = std::move(files);
    doc["files_ignored"] = d.files_ignored;
    doc["files_by_size_only"] = d.files_by_size_only;
  }
  nlohmann::json config = nlohmann::json::array();
  for (const auto& c : d.config)
    config.push_back({{"field", c.field}, {"key", c.key}, {"change", std::string(diff::to_string(c.change))},
                      {"a", c.a}, {"b", c.b}});
  doc["config"] = std::move(config);
  if (d.has_findings) {
    nlohmann::json added = nlohmann::json::array(), fixed = nlohmann::json::array();
    for (const auto& f : d.findings) (f.fixed ? fixed : added).push_back(model::to_json(f.finding));
    doc["findings"] = {{"new", added}, {"fixed", fixed}};
    if (d.cost) {
      nlohmann::json priced_new = nlohmann::json::array(), priced_fixed = nlohmann::json::array();
      for (const auto& f : d.findings) {
        if (!f.finding.bytes_saved) continue;
        (f.fixed ? priced_fixed : priced_new)
            .push_back(finding_saving_json(f.fixed ? d.cost->a : d.cost->b, f.finding.id, f.finding.bytes_saved));
      }
      doc["cost"]["findings"] = {{"new", priced_new}, {"fixed", priced_fixed}};
    }
  }
  return doc;
}

std::string render_diff_markdown(const ImageDiff& d, std::size_t top) {
  std::ostringstream out;
  out << kDiffCommentMarker << "\n";
  out << "### ballast diff: " << signed_bytes_text(d.stored.delta(), false);
  // "+412 MB, mostly python-packages: torch 2.1.0 (+1.9 GB)"
  if (!d.categories.empty() && d.stored.delta() != 0) {
    out << ", mostly " << d.categories.front().first;
    if (!d.packages.empty()) {
      const auto& p = d.packages.front();
      out << ": " << p.label << " " << (p.change == Change::kRemoved ? p.version_a : p.version_b) << " ("
          << signed_bytes_text(p.stored.delta(), false) << ")";
    }
  }
  out << "\n\n";
  if (d.cost) out << render_cost_change_markdown(*d.cost) << "\n";
  out << "`" << d.a << "` → `" << d.b << "`\n\n";
  out << "| | A | B | change |\n|---|---:|---:|---:|\n";
  auto row = [&](const char* name, const Totals& t) {
    out << "| " << name << " | " << human_bytes(t.a) << " | " << human_bytes(t.b) << " | "
        << signed_bytes_text(t.delta(), false) << percent_change(t) << " |\n";
  };
  row("stored", d.stored);
  row("final", d.final);
  row("compressed", d.compressed);
  out << "| layers | " << d.layers.a << " | " << d.layers.b << " | " << (d.layers.delta() >= 0 ? "+" : "")
      << d.layers.delta() << " (" << d.shared_layers.size() << " shared) |\n";
  if (d.has_tree && !d.tree.children.empty()) {
    out << "\n<details><summary>Change by ";
    for (std::size_t i = 0; i < d.dimension_names.size(); ++i) out << (i ? "," : "") << d.dimension_names[i];
    out << "</summary>\n\n| stored | final | |\n|---:|---:|---|\n";
    for (const auto& c : d.tree.children)
      out << "| " << signed_bytes_text(c.stored.delta(), false) << " | " << signed_bytes_text(c.final.delta(), false)
          << " | `" << row_name(c) << "` |\n";
    out << "\n</details>\n";
  }
  if (d.attributed && !d.packages.empty()) {
    out << "\n**Packages:** ";
    for (std::size_t i = 0; i < d.packages.size() && i < top; ++i)
      out << (i ? ", " : "") << "`" << package_line(d.packages[i], false).substr(2) << "`";
    if (d.packages.size() > top) out << ", " << d.packages.size() - top << " others";
    out << "\n";
  }
  if (!d.config.empty()) {
    out << "\n**Config:** ";
    for (std::size_t i = 0; i < d.config.size(); ++i) {
      const auto& c = d.config[i];
      out << (i ? ", " : "") << "`" << c.field << (c.key.empty() ? "" : " " + c.key) << "` " << diff::to_string(c.change);
    }
    out << "\n";
  }
  if (d.has_findings && !d.findings.empty()) {
    std::size_t added = 0, fixed = 0;
    for (const auto& f : d.findings) (f.fixed ? fixed : added)++;
    out << "\n**Findings:** " << added << " new, " << fixed << " fixed";
    for (std::size_t i = 0; i < d.findings.size() && i < top; ++i)
      out << (i ? ", " : ": ") << (d.findings[i].fixed ? "fixed " : "new ") << "`" << d.findings[i].finding.id << "`";
    out << "\n";
  }
  return out.str();
}

}  // namespace ballast::report
