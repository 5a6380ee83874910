#include "report/breakdown_text.h"

#include <algorithm>

#include "analysis/analyze_report.h"
#include "model/severity.h"
#include "report/findings_order.h"
#include "report/text_table.h"
#include "util/human_bytes.h"

namespace ballast::report {
namespace {

using Align = TextTable::Align;

std::string plural(std::uint64_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

double fraction(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

void add_rows(TextTable& t, const attribution::BreakdownNode& n, std::uint64_t total, int depth, bool exact) {
  t.add_row({format_bytes(n.stored, exact), format_percent(fraction(n.stored, total)), format_bytes(n.final, exact),
             std::to_string(n.files), std::string(static_cast<std::size_t>(depth) * 2, ' ') + n.name});
  for (const auto& c : n.children) add_rows(t, c, total, depth + 1, exact);
}

}  // namespace

std::string render_breakdown_text(const attribution::BreakdownNode& root, bool exact) {
  TextTable t({{"STORED", Align::kRight}, {"%", Align::kRight}, {"FINAL", Align::kRight},
               {"FILES", Align::kRight}, {"NAME"}});
  for (const auto& c : root.children) add_rows(t, c, root.stored, 0, exact);
  t.add_row({format_bytes(root.stored, exact), format_percent(1.0), format_bytes(root.final, exact),
             std::to_string(root.files), root.name});
  return t.render("  ");
}

std::string render_category_table(const analysis::AnalyzeReport& report, bool exact) {
  std::vector<const analysis::CategoryTotal*> order;
  for (const auto& c : report.categories)
    if (c.stored_bytes) order.push_back(&c);
  std::stable_sort(order.begin(), order.end(), [](auto x, auto y) { return x->stored_bytes > y->stored_bytes; });
  TextTable t({{"STORED", Align::kRight}, {"%", Align::kRight}, {"FINAL", Align::kRight}, {"CATEGORY"}});
  for (const auto* c : order)
    t.add_row({format_bytes(c->stored_bytes, exact), format_percent(fraction(c->stored_bytes, report.image.stored_bytes)),
               format_bytes(c->final_bytes, exact), c->name});
  return t.empty() ? std::string() : t.render("  ");
}

std::string render_package_table(const analysis::AnalyzeReport& report, std::size_t top, bool exact) {
  std::vector<const attribution::Package*> v;
  for (std::uint32_t i : report.packages_by_size)
    if (report.attribution.packages[i].stored_bytes) v.push_back(&report.attribution.packages[i]);
  TextTable t({{"STORED", Align::kRight}, {"FINAL", Align::kRight}, {"FILES", Align::kRight}, {"PACKAGE"},
               {"VERSION"}});
  for (std::size_t i = 0; i < v.size() && i < top; ++i)
    t.add_row({format_bytes(v[i]->stored_bytes, exact), format_bytes(v[i]->final_bytes, exact),
               std::to_string(v[i]->files), v[i]->label, v[i]->info.version});
  std::string out = t.empty() ? std::string() : t.render("  ");
  if (v.size() > top) out += "  ... " + plural(v.size() - top, "more package") + "\n";
  return out;
}

std::string render_savings_headline(const attribution::WasteReport& w, bool exact, const TextStyle& style) {
  if (w.findings.empty() || w.total_saving == 0) return paint(style, Tone::kHeadline, "No waste found: nothing to save.") + "\n";
  return paint(style, Tone::kHeadline, "You could save ") + paint(style, Tone::kSaving, format_bytes(w.total_saving, exact)) +
         paint(style, Tone::kHeadline,
               " (" + format_percent(fraction(w.total_saving, w.stored_bytes)) + " of " +
                   format_bytes(w.stored_bytes, exact) + " stored) with the " +
                   (w.findings.size() == 1 ? std::string("fix") : std::to_string(w.findings.size()) + " fixes") +
                   " below.") +
         "\n";
}

std::string render_findings_text(const attribution::WasteReport& w, std::size_t top, bool exact,
                                 const TextStyle& style) {
  std::string out;
  const FindingsFold fold = fold_findings(w.findings, top);
  for (const model::Finding* fp : fold.shown) {
    const auto& f = *fp;
    out += "  " + paint(style, Tone::kSaving, format_bytes(f.bytes_saved, exact)) + "  " + severity_word(style, f.severity) + "  " +
           f.id + ": " + f.message + "\n";
    out += "      fix: " + f.fix + "\n";
    if (!f.paths.empty()) {
      std::string joined;
      for (std::size_t p = 0; p < f.paths.size() && p < 3; ++p) joined += (p ? ", " : "") + f.paths[p];
      out += "      paths: " + joined;
      if (f.paths.size() > 3) out += " \u2026 and " + std::to_string(f.paths.size() - 3) + " more";
      out += "\n";
    }
  }
  if (fold.folded)
    out += "  ... " + std::to_string(fold.folded) + (fold.folded == 1 ? " more finding" : " more findings") +
           " (--top)\n";
  for (const auto& n : w.notes) out += "  note: " + n + "\n";
  return out;
}

}  // namespace ballast::report
