#include "report/findings_markdown.h"

#include <algorithm>
#include <ostream>

#include "util/human_bytes.h"

namespace ballast::report {
namespace {

const char* icon(model::Severity s) {
  switch (s) {
    case model::Severity::kError: return ":x:";
    case model::Severity::kWarning: return ":warning:";
    case model::Severity::kInfo: return ":information_source:";
  }
  return "";
}

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// A code span that holds any text: the fence is one backtick more than the
// longest run inside (CommonMark 6.1), padded when the text touches one.
std::string code(std::string_view text) {
  std::size_t longest = 0, run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(longest + 1, '`');
  const bool pad = !text.empty() && (text.front() == '`' || text.back() == '`');
  // Code spans show HTML literally; only the column separator needs escaping
  // (GFM tables split cells before inline parsing) and line breaks cannot stay.
  std::string body;
  for (char c : text) {
    if (c == '|') body += "\\|";
    else if (c == '\n' || c == '\r') body.push_back(' ');
    else body.push_back(c);
  }
  return fence + (pad ? " " : "") + body + (pad ? " " : "") + fence;
}

std::string where(const model::Finding& f) {
  if (f.location && !f.location->file.empty()) {
    std::string w = f.location->file;
    if (f.location->line > 0) w += ":" + std::to_string(f.location->line);
    return code(w);
  }
  if (!f.paths.empty()) {
    std::string w = code(f.paths.front());
    if (f.paths.size() > 1) w += " +" + std::to_string(f.paths.size() - 1);
    return w;
  }
  if (!f.layers.empty()) return "layer " + std::to_string(f.layers.front());
  return "";
}

}  // namespace

std::string markdown_cell(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '`') {
      // A code span (CommonMark 6.1: a backtick run closed by a run of the
      // same length) shows its text literally, so entities would show as
      // "&amp;": copy it as is, escaping only the column separator. An
      // unclosed run is literal text and escaping goes on after it.
      std::size_t run = i;
      while (run < text.size() && text[run] == '`') ++run;
      const std::string_view fence = text.substr(i, run - i);
      std::size_t close = run;
      while ((close = text.find(fence, close)) != std::string_view::npos) {
        std::size_t after = close + fence.size();
        if ((after >= text.size() || text[after] != '`') && text[close - 1] != '`') break;
        while (after < text.size() && text[after] == '`') ++after;
        close = after;
      }
      const std::size_t end = close == std::string_view::npos ? run : close + fence.size();
      for (char k : text.substr(i, end - i)) {
        if (k == '|') out += "\\|";
        else if (k == '\n' || k == '\r') out.push_back(' ');
        else out.push_back(k);
      }
      i = end - 1;
      continue;
    }
    switch (c) {
      case '|': out += "\\|"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '\n': out += "<br>"; break;
      case '\r': break;
      default: out.push_back(c);
    }
  }
  return out;
}

void render_findings_markdown(const FindingsDocument& doc, std::ostream& out) {
  static const std::vector<model::Finding> kNone;
  const std::vector<model::Finding>& findings = doc.findings ? *doc.findings : kNone;
  std::size_t counts[3] = {0, 0, 0};
  bool any_bytes = false;
  for (const auto& f : findings) {
    ++counts[static_cast<int>(f.severity)];
    any_bytes = any_bytes || f.bytes_saved > 0;
  }

  out << "### ballast " << doc.command;
  if (!doc.subject.empty()) out << " " << code(doc.subject);
  out << ": ";
  if (findings.empty()) {
    out << "no findings\n";
  } else {
    out << plural(findings.size(), "finding") << " (";
    bool first = true;
    for (int s = 2; s >= 0; --s) {
      if (counts[s] == 0) continue;
      out << (first ? "" : ", ") << plural(counts[s], s == 2 ? "error" : s == 1 ? "warning" : "note");
      first = false;
    }
    out << ")\n\n";
    out << (any_bytes ? "| | Rule | Where | Finding | Saves |\n|---|---|---|---|---:|\n"
                      : "| | Rule | Where | Finding |\n|---|---|---|---|\n");
    const std::size_t shown = std::min(findings.size(), kMarkdownRows);
    for (std::size_t i = 0; i < shown; ++i) {
      const model::Finding& f = findings[i];
      out << "| " << icon(f.severity) << " | " << code(f.id) << " | " << where(f) << " | " << markdown_cell(f.message);
      if (!f.fix.empty()) out << "<br>**Fix:** " << markdown_cell(f.fix);
      out << " |";
      if (any_bytes) out << (f.bytes_saved > 0 ? " " + human_bytes(f.bytes_saved) + " |" : std::string(" |"));
      out << '\n';
    }
    if (shown < findings.size())
      out << "\n… and " << plural(findings.size() - shown, "more finding") << " (see `--format json`).\n";
  }
  if (!doc.problems.empty()) {
    out << "\n**Not examined:**\n\n";
    for (const auto& p : doc.problems) out << "- " << code(p.file) << ": " << markdown_cell(p.message) << '\n';
  }
}

}  // namespace ballast::report
