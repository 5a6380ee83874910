#include <map>

#include "history/time_text.h"
#include "report/history_report.h"
#include "report/text_table.h"
#include "util/human_bytes.h"

namespace ballast::report {
namespace {

std::string signed_bytes(std::int64_t delta, bool exact) {
  if (delta == 0) return "0";
  const std::uint64_t magnitude =
      delta < 0 ? static_cast<std::uint64_t>(-delta) : static_cast<std::uint64_t>(delta);
  return (delta < 0 ? "-" : "+") + format_bytes(magnitude, exact);
}

// "2E 1W": counts of the severities present, most severe first.
std::string findings_text(const history::Run& r) {
  if (r.findings.empty()) return "-";
  std::string out;
  for (const char* sev : {"error", "warning", "info"}) {
    auto it = r.findings.find(sev);
    if (it == r.findings.end() || it->second == 0) continue;
    if (!out.empty()) out += ' ';
    out += std::to_string(it->second) + static_cast<char>(sev[0] - 'a' + 'A');
  }
  return out.empty() ? "0" : out;
}

std::string table(const std::vector<const history::Run*>& runs, bool exact) {
  using A = TextTable::Align;
  TextTable t({{"#", A::kRight},
               {"time"},
               {"tag"},
               {"stored", A::kRight},
               {"change", A::kRight},
               {"final", A::kRight},
               {"compressed", A::kRight},
               {"layers", A::kRight},
               {"findings", A::kRight},
               {"commit"},
               {"by"}});
  const history::Run* previous = nullptr;
  for (const history::Run* r : runs) {
    const std::string change =
        previous ? signed_bytes(static_cast<std::int64_t>(r->stored_bytes) -
                                    static_cast<std::int64_t>(previous->stored_bytes),
                                exact)
                 : "";
    std::string by = r->command;
    if (!r->result.empty()) by += " (" + r->result + ")";
    t.add_row({std::to_string(r->id), history::format_time(r->time), r->tag.empty() ? "-" : r->tag,
               format_bytes(r->stored_bytes, exact), change, format_bytes(r->final_bytes, exact),
               format_bytes(r->compressed_bytes, exact), std::to_string(r->layers),
               findings_text(*r), r->git_commit.empty() ? "-" : r->git_commit.substr(0, 12), by});
    previous = r;
  }
  return t.render("  ");
}

}  // namespace

std::string sparkline(const std::vector<std::uint64_t>& values) {
  static const char* kBlocks[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  if (values.empty()) return "";
  std::uint64_t lo = values[0], hi = values[0];
  for (auto v : values) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  std::string out;
  for (auto v : values) {
    if (hi == lo) {
      out += kBlocks[3];
      continue;
    }
    // Rounded to the nearest of the 8 levels.
    const long double level =
        static_cast<long double>(v - lo) * 7 / static_cast<long double>(hi - lo);
    out += kBlocks[static_cast<int>(level + 0.5L)];
  }
  return out;
}

std::string render_history_text(const HistoryView& view, bool exact) {
  // Repositories in order of their first run; each one's runs oldest first.
  std::vector<std::string> order;
  std::map<std::string, std::vector<const history::Run*>> by_repo;
  for (const auto& r : view.runs) {
    auto& list = by_repo[r.repository];
    if (list.empty()) order.push_back(r.repository);
    list.push_back(&r);
  }
  std::string out;
  if (view.runs.empty()) {
    out = "no recorded runs";
    if (!view.repository.empty()) out += " of " + view.repository;
    if (view.since) out += " since " + history::format_time(*view.since);
    return out + " in " + view.store + "\n";
  }
  for (const auto& repo : order) {
    const auto& runs = by_repo[repo];
    if (!out.empty()) out += "\n";
    out +=
        repo + " — " + std::to_string(runs.size()) + (runs.size() == 1 ? " run" : " runs") + "\n";
    out += table(runs, exact);
    std::vector<std::uint64_t> stored;
    for (const auto* r : runs) stored.push_back(r->stored_bytes);
    const std::uint64_t first = runs.front()->stored_bytes, last = runs.back()->stored_bytes;
    out += "  stored " + sparkline(stored) + "  " + format_bytes(first, exact) + " → " +
           format_bytes(last, exact);
    if (runs.size() > 1) {
      out += " (" + signed_bytes(static_cast<std::int64_t>(last) - static_cast<std::int64_t>(first),
                                 exact);
      if (first > 0) {
        char pct[32];
        std::snprintf(pct, sizeof pct, "%+.1f%%",
                      100.0 * (static_cast<double>(last) - static_cast<double>(first)) /
                          static_cast<double>(first));
        out += ", " + std::string(pct);
      }
      out += ")";
    }
    out += "\n";
  }
  return out;
}

}  // namespace ballast::report
