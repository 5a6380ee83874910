#include "lint/linter.h"

#include <algorithm>

#include "lint/checks.h"
#include "lint/lint_input.h"
#include "lint/rule.h"
#include "lint/sink.h"
#include "lint/suppression.h"

namespace ballast::lint {

std::vector<model::Finding> lint_text(std::string_view text, const std::string& filename,
                                      const LintOptions& options) {
  return lint_parsed(dockerfile::parse_dockerfile(text, filename), options);
}

std::vector<model::Finding> lint_parsed(const dockerfile::ParsedDockerfile& parsed, const LintOptions& options) {
  dockerfile::StageModel model = dockerfile::build_stage_model(parsed, options.build_args, options.target);
  LintInput input(parsed, model, options.config, options.context);
  Sink sink(parsed.filename);
  for (Check check : checks()) check(input, sink);

  Suppressions suppressions = collect_suppressions(parsed);
  const Config& config = options.config;
  std::vector<model::Finding> out;
  for (auto& f : sink.findings()) {
    const RuleInfo* rule = find_rule(f.id);
    if (!rule) continue;
    if (!rule->default_enabled && !config.enabled.count(f.id)) continue;
    if (config.ignored.count(f.id)) continue;
    if (suppressions.suppresses(f.id, f.location ? f.location->line : 0)) continue;
    if (auto it = config.severity.find(f.id); it != config.severity.end()) f.severity = it->second;
    out.push_back(std::move(f));
  }
  std::stable_sort(out.begin(), out.end(), [](const model::Finding& a, const model::Finding& b) {
    int la = a.location ? a.location->line : 0;
    int lb = b.location ? b.location->line : 0;
    return la != lb ? la < lb : a.id < b.id;
  });
  // One finding per rule, line and message: families may meet the same fact twice.
  out.erase(std::unique(out.begin(), out.end(),
                        [](const model::Finding& a, const model::Finding& b) {
                          return a.id == b.id && a.message == b.message && a.location && b.location &&
                                 a.location->line == b.location->line;
                        }),
            out.end());
  return out;
}

}  // namespace ballast::lint
