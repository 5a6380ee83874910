// Helpers for the lint tests: lint a Dockerfile given as text and look at the
// rule ids that fired.
#pragma once

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "lint/linter.h"
#include "model/finding.h"

namespace ballast::lint::testing {

inline std::vector<model::Finding> lint(const std::string& text, const LintOptions& options = {}) {
  return lint_text(text, "Dockerfile", options);
}

inline std::set<std::string> ids(const std::vector<model::Finding>& findings) {
  std::set<std::string> out;
  for (const auto& f : findings) out.insert(f.id);
  return out;
}

inline int count(const std::vector<model::Finding>& findings, const std::string& id) {
  return static_cast<int>(
      std::count_if(findings.begin(), findings.end(), [&](const model::Finding& f) { return f.id == id; }));
}

}  // namespace ballast::lint::testing
