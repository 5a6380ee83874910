#include <string>

#include "context/analysis.h"
#include "report/context_report.h"
#include "report/findings_order.h"
#include "report/text_table.h"
#include "util/human_bytes.h"

namespace ballast::report {

namespace {

std::string plural(std::uint64_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

std::string render_context_text(const context::ContextReport& r, bool exact, const TextStyle& style) {
  auto b = [exact](std::uint64_t v) { return format_bytes(v, exact); };
  std::string out;
  out += "Build context " + r.root + "\n";
  out += "  ignore file: " + (r.ignore_file.empty() ? std::string("(none)") : r.ignore_file) + "\n";
  if (!r.dockerfile.empty()) out += "  Dockerfile:  " + r.dockerfile + "\n";
  out += "  sent:        " + b(r.sent_bytes) + " in " + plural(r.sent_files, "file") + "\n";
  out += "  excluded:    " + b(r.excluded_bytes) + " in " + plural(r.excluded_files, "file") + "\n";

  if (!r.rules.empty()) {
    out += "\n.dockerignore lines (what each one decided)\n";
    TextTable t({{"LINE", TextTable::Align::kRight}, {"FILES", TextTable::Align::kRight},
                 {"BYTES", TextTable::Align::kRight}, {"PATTERN"}});
    for (const auto& rule : r.rules) {
      std::string note = rule.matches_nothing ? "   <- matches nothing" : "";
      if (rule.exception && !rule.matches_nothing) note = "   (re-included)";
      t.add_row({std::to_string(rule.line), std::to_string(rule.files), b(rule.bytes), rule.text + note});
    }
    out += t.render("  ");
  }
  if (!r.largest_dirs.empty()) {
    out += "\nLargest directories sent\n";
    TextTable t({{"BYTES", TextTable::Align::kRight}, {"FILES", TextTable::Align::kRight}, {"PATH"}});
    for (const auto& s : r.largest_dirs) t.add_row({b(s.bytes), std::to_string(s.files), s.path + "/"});
    out += t.render("  ");
  }
  if (!r.largest_files.empty()) {
    out += "\nLargest files sent\n";
    TextTable t({{"BYTES", TextTable::Align::kRight}, {"PATH"}});
    for (const auto& s : r.largest_files) t.add_row({b(s.bytes), s.path});
    out += t.render("  ");
  }
  if (!r.copy_sources.empty()) {
    out += "\nCOPY/ADD and RUN --mount sources from the context\n";
    TextTable t({{"LINE", TextTable::Align::kRight}, {"STATUS"}, {"BYTES", TextTable::Align::kRight},
                 {"SOURCE"}});
    for (const auto& c : r.copy_sources) {
      std::string status = c.status;
      if (c.excluded_by_line) status += " (line " + std::to_string(c.excluded_by_line) + ")";
      std::string what = c.instruction + (c.parents ? " --parents" : "");
      for (const auto& x : c.excludes) what += " --exclude=" + x;
      t.add_row({std::to_string(c.line), status, b(c.bytes), what + " " + c.source});
    }
    out += t.render("  ");
    if (!r.copies_everything && r.unreachable.files) {
      out += "\nSent but never copied: " + b(r.unreachable.bytes) + " in " + plural(r.unreachable.files, "file") +
             "\n";
      TextTable u({{"BYTES", TextTable::Align::kRight}, {"FILES", TextTable::Align::kRight}, {"PATH"}});
      for (const auto& s : r.unreachable_top) u.add_row({b(s.bytes), std::to_string(s.files), s.path});
      out += u.render("  ");
    }
  }
  for (const auto& inv : r.invalidations) {
    out += "\nChanging " + inv.changed + ": ";
    if (!inv.sent) {
      out += "no effect (excluded by .dockerignore line " + std::to_string(inv.excluded_by_line) + ")\n";
      continue;
    }
    if (inv.stages.empty()) {
      out += "no instruction uses it\n";
      continue;
    }
    out += "\n";
    for (const auto& s : inv.stages) {
      out += "  stage " + std::to_string(s.stage) + (s.name.empty() ? "" : " (" + s.name + ")") +
             ": rebuilt from line " + std::to_string(s.first_line) + " (" + plural(s.lines.size(), "instruction") +
             ")\n";
    }
  }
  if (!r.findings.empty()) {
    out += "\nFindings\n";
    for (const model::Finding* fp : order_for_display(r.findings)) {
      const auto& f = *fp;
      out += "  " + severity_word(style, f.severity) + " " + f.id;
      if (f.location && f.location->line) out += " (" + f.location->file + ":" + std::to_string(f.location->line) + ")";
      out += ": " + f.message + "\n";
      if (!f.fix.empty()) out += "      fix: " + f.fix + "\n";
    }
  }
  return out;
}

}  // namespace ballast::report
