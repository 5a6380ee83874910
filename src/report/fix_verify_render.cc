#include "report/fix_verify_render.h"

#include <cstdio>
#include <cstdlib>
#include <vector>

#include "report/cost_report.h"
#include "report/findings_markdown.h"
#include "report/smoke_render.h"
#include "report/text_table.h"
#include "util/human_bytes.h"

namespace ballast::report {
namespace {

using nlohmann::json;

struct Row {
  std::string label;
  std::string before;
  std::string after;
  std::string change;
};

// "+1.5 s", "-0.2 s"; a change that rounds to 0.0 has no sign.
std::string seconds_change(double d) {
  if (std::abs(d) < 0.05) return format_seconds(0);
  return (d > 0 ? "+" : "-") + format_seconds(std::abs(d));
}

std::string signed_count(std::int64_t d) { return (d > 0 ? "+" : "") + std::to_string(d); }

// The table both the text and the Markdown print; `after` cells are "-"
// when the fixed file did not build.
std::vector<Row> rows(const fix::VerifyReport& r) {
  const auto& b = r.before;
  const auto& a = r.after;
  bool built = a.built;
  auto bytes_row = [&](std::string label, std::uint64_t x, std::uint64_t y) {
    return Row{std::move(label), human_bytes(x), built ? human_bytes(y) : "-",
               built ? signed_bytes_change(static_cast<std::int64_t>(y) - static_cast<std::int64_t>(x), x) : "-"};
  };
  std::vector<Row> out;
  out.push_back(bytes_row("stored", b.figures.stored_bytes, a.figures.stored_bytes));
  out.push_back(bytes_row("final", b.figures.final_bytes, a.figures.final_bytes));
  out.push_back(bytes_row(b.figures.compressed_estimated ? "compressed (estimated)" : "compressed",
                          b.figures.compressed_bytes, a.figures.compressed_bytes));
  auto la = static_cast<std::int64_t>(a.figures.layers), lb = static_cast<std::int64_t>(b.figures.layers);
  out.push_back({"layers", std::to_string(lb), built ? std::to_string(la) : "-", built ? signed_count(la - lb) : "-"});
  auto secs = [](double s) { return format_seconds(s); };
  out.push_back({"cold build", secs(b.cold_seconds), built ? secs(a.cold_seconds) : "-",
                 built ? seconds_change(a.cold_seconds - b.cold_seconds) : "-"});
  if (r.changed_file) {
    std::string label = "warm rebuild";
    bool both = b.warm_seconds && a.warm_seconds;
    out.push_back({label, b.warm_seconds ? secs(*b.warm_seconds) : "failed",
                   a.warm_seconds ? secs(*a.warm_seconds) : (built ? "failed" : "-"),
                   both ? seconds_change(*a.warm_seconds - *b.warm_seconds) : "-"});
  }
  return out;
}

std::string predicted_line(const fix::VerifyReport& r) {
  std::string s = "predicted savings: ";
  if (r.predictions.empty()) {
    s += "unknown (no change addresses a finding of the original image with bytes)";
  } else {
    s += human_bytes(r.predicted_bytes) + " (";
    for (std::size_t i = 0; i < r.predictions.size(); ++i) {
      const auto& p = r.predictions[i];
      s += (i ? ", " : "") + p.rule + ": " + p.finding + " " + human_bytes(p.bytes);
    }
    s += ")";
  }
  if (r.after.built) {
    std::int64_t m = r.stored_saved();
    s += "; measured: " + (m >= 0 ? human_bytes(static_cast<std::uint64_t>(m)) + " saved"
                                  : human_bytes(static_cast<std::uint64_t>(-m)) + " added") + " (stored bytes)";
  }
  return s;
}

json side_json(const fix::SideReport& s) {
  return {{"tag", s.tag},
          {"image_id", s.image_id},
          {"built", s.built},
          {"stored_bytes", s.figures.stored_bytes},
          {"final_bytes", s.figures.final_bytes},
          {"compressed_bytes", s.figures.compressed_bytes},
          {"compressed_estimated", s.figures.compressed_estimated},
          {"layers", s.figures.layers},
          {"cold_build_seconds", s.cold_seconds},
          {"warm_build_seconds", s.warm_seconds ? json(*s.warm_seconds) : json(nullptr)}};
}

// A fenced code block; a fence inside the output would close it early, so a
// longer one is used (CommonMark: the closing fence is at least as long).
std::string fenced(const std::string& text) {
  std::string fence = "```";
  while (text.find(fence) != std::string::npos) fence += '`';
  return fence + "\n" + text + (text.empty() || text.ends_with('\n') ? "" : "\n") + fence + "\n";
}

}  // namespace

std::string signed_bytes_change(std::int64_t delta, std::uint64_t before) {
  std::string s = delta > 0 ? "+" : delta < 0 ? "-" : "";
  s += human_bytes(static_cast<std::uint64_t>(delta < 0 ? -delta : delta));
  if (before) {
    char buf[32];
    std::snprintf(buf, sizeof buf, " (%+.1f%%)", 100.0 * static_cast<double>(delta) / static_cast<double>(before));
    s += buf;
  }
  return s;
}

void render_verify_text(const fix::VerifyReport& r, const std::string& file, std::ostream& out) {
  out << file << ": verified with the engine (" << r.before.tag << ", " << r.after.tag << ": "
      << (r.kept ? "kept" : "removed") << ")\n";
  TextTable t({{""}, {"before", TextTable::Align::kRight}, {"after", TextTable::Align::kRight}, {"change"}});
  for (auto& row : rows(r)) t.add_row({row.label, row.before, row.after, row.change});
  out << t.render("  ");
  if (r.changed_file) out << "  warm rebuild: after changing " << *r.changed_file << " (in a copy of the context)\n";
  else out << "  warm rebuild: not measured (the build sends no regular file)\n";
  out << "  " << predicted_line(r) << '\n';
  if (!r.after.built) {
    out << "  the fixed Dockerfile does not build:\n";
    indented(r.after_build_error, out);
  } else if (r.smoke.ran) {
    render_smoke_text(r.smoke, out);
  }
  out << r.verdict << '\n';
}

void render_verify_markdown(const fix::VerifyReport& r, const std::string& file, std::ostream& out,
                            const std::string& diff, std::size_t changes) {
  out << "### ballast fix --verify: `" << markdown_cell(file) << "`\n\n";
  out << "| | before | after | change |\n|---|---:|---:|---:|\n";
  for (auto& row : rows(r)) {
    out << "| " << markdown_cell(row.label) << " | " << markdown_cell(row.before) << " | " << markdown_cell(row.after)
        << " | " << markdown_cell(row.change) << " |\n";
  }
  out << '\n';
  if (r.changed_file) out << "Warm rebuild after changing `" << markdown_cell(*r.changed_file) << "`.\n";
  std::string p = predicted_line(r);
  p[0] = 'P';
  out << p << ".\n";
  if (!r.after.built) {
    out << "\nThe fixed Dockerfile does not build:\n\n" << fenced(r.after_build_error);
  } else if (r.smoke.ran) {
    out << "\n" << (r.smoke.passed ? ":white_check_mark: " : ":x: ") << markdown_cell(smoke_title(r.smoke)) << ": "
        << (r.smoke.passed ? "passed" : "failed") << " (" << markdown_cell(r.smoke.reason) << ").\n";
    if (!r.smoke.passed) {
      for (auto [name, o] : {std::pair{"before", &r.smoke.before}, std::pair{"after", &r.smoke.after}}) {
        out << "\n" << name << " (" << run_summary(*o) << "):\n\n" << fenced(o->out);
        if (!o->err.empty()) out << "\n" << name << ", stderr:\n\n" << fenced(o->err);
      }
    }
  }
  out << "\n**" << markdown_cell(r.verdict) << "**\n";
  if (!diff.empty()) {
    std::string block = fenced(diff);
    block.insert(block.find('\n'), "diff");  // the opening fence names the language
    out << "\n<details><summary>the fix (" << changes << (changes == 1 ? " change" : " changes")
        << ")</summary>\n\n" << block << "\n</details>\n";
  }
}

json verify_to_json(const fix::VerifyReport& r) {
  json predicted = json::array();
  for (const auto& p : r.predictions) predicted.push_back({{"rule", p.rule}, {"finding", p.finding}, {"bytes", p.bytes}});
  json measured = nullptr;
  if (r.after.built) {
    measured = {{"stored_bytes_saved", r.stored_saved()},
                {"final_bytes_saved", r.final_saved()},
                {"compressed_bytes_saved", r.compressed_saved()},
                {"layers_saved", static_cast<std::int64_t>(r.before.figures.layers) -
                                     static_cast<std::int64_t>(r.after.figures.layers)}};
  }
  json smoke = nullptr;
  if (r.smoke.ran) {
    smoke = smoke_to_json(r.smoke);
  }
  return {{"recommended", r.recommended},
          {"verdict", r.verdict},
          {"kept", r.kept},
          {"before", side_json(r.before)},
          {"after", side_json(r.after)},
          {"after_build_error", r.after.built ? json(nullptr) : json(r.after_build_error)},
          {"changed_file", r.changed_file ? json(*r.changed_file) : json(nullptr)},
          {"predicted_bytes", r.predicted_bytes},
          {"predicted", predicted},
          {"measured", measured},
          {"smoke", smoke}};
}

}  // namespace ballast::report
