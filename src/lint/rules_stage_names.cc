// BuildKit checks about stage names: StageNameCasing (BA4001), FromAsCasing
// (BA4002), DuplicateStageName (BA4003), ReservedStageName (BA4004). Messages
// are BuildKit's (frontend/dockerfile/linter/ruleset.go). Stage names are
// matched case-insensitively; "scratch" and "context" are reserved.
#include <set>
#include <string>

#include "lint/checks.h"
#include "lint/rule_util.h"
#include "lint/sink.h"

namespace ballast::lint {
namespace {

bool all_lower(std::string_view s) { return to_lower(s) == s; }
bool all_upper(std::string_view s) {
  for (char c : s) {
    if (c >= 'a' && c <= 'z') return false;
  }
  return true;
}

}  // namespace

void check_stage_names(const LintInput& input, Sink& sink) {
  std::set<std::string> seen;
  for (const auto& stage : input.model.stages) {
    if (stage.from_instruction < 0) continue;
    const auto& from = input.inst(stage.from_instruction);
    if (stage.name.empty()) continue;
    if (!all_lower(stage.name)) {
      sink.report("BA4001", from, "Stage name '" + stage.name + "' should be lowercase",
                  with_word(from, -1, to_lower(stage.name)));
    }
    // FROM image AS name: the keyword is the word before the name.
    if (from.args.size() >= 3) {
      const std::string& as = from.args[from.args.size() - 2];
      const std::string& kw = from.keyword_raw;
      if ((all_upper(kw) && !all_upper(as)) || (all_lower(kw) && !all_lower(as))) {
        sink.report("BA4002", from, "'" + as + "' and '" + kw + "' keywords' casing do not match",
                    with_word(from, -2, all_upper(kw) ? "AS" : "as"));
      }
    }
    if (stage.name_lower == "scratch" || stage.name_lower == "context") {
      sink.report("BA4004", from,
                  "Stage name should not use the same name as reserved stage \"" + stage.name_lower + "\"",
                  "rename the stage");
    }
    if (!seen.insert(stage.name_lower).second) {
      sink.report("BA4003", from, "Duplicate stage name \"" + stage.name_lower + "\", stage names should be unique",
                  "rename one of the stages");
    }
  }
}

}  // namespace ballast::lint
