#include "report/deps_text.h"

#include <algorithm>
#include <vector>

#include "report/findings_order.h"
#include "util/human_bytes.h"

namespace ballast::report {

namespace {

std::string plural(std::uint64_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string where(const model::SourceLocation& l) {
  std::string out = l.file;
  if (l.line) out += ":" + std::to_string(l.line);
  return out;
}

}  // namespace

std::string render_deps_text(const python::DepsReport& report, const TextStyle& style) {
  std::string out;
  int errors = 0, warnings = 0, infos = 0;
  for (const model::Finding* fp : order_for_display(report.findings)) {
    const model::Finding& f = *fp;
    if (f.severity == model::Severity::kError) ++errors;
    else if (f.severity == model::Severity::kWarning) ++warnings;
    else ++infos;
    out += (f.location ? where(*f.location) : std::string("-")) + ": " + f.id + " " +
           severity_word(style, f.severity) + ": " + f.message;
    if (f.bytes_saved) out += " [" + paint(style, Tone::kSaving, human_bytes(f.bytes_saved)) + "]";
    out += "\n";
    if (!f.fix.empty()) out += "    fix: " + f.fix + "\n";
  }
  if (!report.warnings.empty()) {
    out += report.findings.empty() ? "" : "\n";
    for (const auto& w : report.warnings) out += "warning: " + where(w.location) + ": " + w.message + "\n";
  }
  if (!out.empty()) out += "\n";
  out += plural(report.requirements.size(), "requirement") + " in " + plural(report.manifests.size(), "manifest") +
         ", " + plural(report.python_files, "Python file") + ", " + plural(report.imports, "import") + " (Python 3." +
         std::to_string(report.python_minor) + "): ";
  if (report.findings.empty()) {
    out += "no findings";
  } else {
    out += plural(report.findings.size(), "finding") + ": " + plural(errors, "error") + ", " +
           plural(warnings, "warning") + ", " + std::to_string(infos) + " info";
  }
  if (report.bytes_saved)
    out += "; removing the unused packages saves " + paint(style, Tone::kSaving, human_bytes(report.bytes_saved));
  out += "\n";
  if (!report.image.empty())
    out += "Installed: " + plural(report.installed.size(), "Python distribution") + " in " + report.image + "\n";
  // What each unused package takes with it: for an OS package, exactly what
  // `apt-get remove --autoremove` (or `apk del`) would remove.
  for (const auto& r : report.removals) {
    if (r.freed.empty()) continue;
    std::string how = r.os_package.empty() ? "pip, with the dependencies nothing else needs"
                      : r.world == "apk"   ? "apk del " + r.os_package.substr(4)
                                           : "apt-get remove --autoremove " + r.os_package.substr(4);
    out += "Removing " + r.root + " (" + how + "): " + plural(r.freed.size(), "package") + ", " +
           human_bytes(r.bytes) + ":";
    // The package itself, then the largest of what goes with it (JSON has all).
    constexpr std::size_t kShown = 10;
    std::vector<std::size_t> order;
    for (std::size_t k = 1; k < r.freed.size(); ++k) order.push_back(k);
    auto bytes = [&](std::size_t k) { return k < r.freed_bytes.size() ? r.freed_bytes[k] : 0; };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return bytes(a) > bytes(b); });
    order.insert(order.begin(), 0);
    for (std::size_t k = 0; k < order.size() && k < kShown; ++k)
      out += (k ? ", " : " ") + r.freed[order[k]] + " " + human_bytes(bytes(order[k]));
    if (order.size() > kShown) out += " \u2026 and " + std::to_string(order.size() - kShown) + " more";
    out += "\n";
  }
  return out;
}

}  // namespace ballast::report
