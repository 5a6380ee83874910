// The static table of ballast's lint rules. Ids are stable ("BA" + family digit
// + number: BA1xxx size, BA2xxx cache, BA3xxx security, BA4xxx correctness and
// BuildKit checks, BA6xxx Compose files); docs/rules.md documents each one and a test checks the
// table is sorted, unique and documented. The hadolint and BuildKit names make
// `# hadolint ignore=DL3015` and `# check=skip=JSONArgsRecommended` keep working.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "model/severity.h"

namespace ballast::lint {

struct RuleInfo {
  std::string_view id;          // "BA1001"
  model::Severity severity;     // default severity (config can override)
  std::string_view message;     // one line: what is wrong (findings may be more specific)
  std::string_view hadolint;    // space-separated DLxxxx equivalents, "" when none
  std::string_view buildkit;    // BuildKit check name, "" when none
  bool default_enabled = true;  // off-by-default rules run only when enabled in config
};

// Sorted by id.
std::span<const RuleInfo> rules();

const RuleInfo* find_rule(std::string_view id);
// Every rule whose hadolint list holds `dl` (one DL code may map to several rules).
std::vector<const RuleInfo*> rules_for_hadolint(std::string_view dl);
// Case-sensitive, as BuildKit's `# check=skip=` names are.
const RuleInfo* find_rule_by_buildkit(std::string_view name);

}  // namespace ballast::lint
