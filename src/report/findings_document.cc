#include "report/findings_document.h"

#include <algorithm>

namespace ballast::report {

std::vector<RuleDescription> rules_of(const FindingsDocument& doc) {
  if (!doc.rules.empty() || doc.findings == nullptr) return doc.rules;
  std::vector<RuleDescription> out;
  for (const model::Finding& f : *doc.findings) {
    if (std::any_of(out.begin(), out.end(), [&](const RuleDescription& r) { return r.id == f.id; })) continue;
    RuleDescription r;
    r.id = f.id;
    r.level = f.severity;
    r.help = doc.help_page;
    // A derived rule has no table line: its first finding's message is its
    // one-line description (SARIF viewers list rules by shortDescription).
    r.summary = f.message;
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace ballast::report
