#include "lint/sink.h"

#include <cassert>

#include "lint/rule.h"

namespace ballast::lint {

model::Finding& Sink::report(std::string_view id, const dockerfile::Instruction& at, std::string message,
                             std::string fix) {
  model::Finding& f = report_file(id, std::move(message), std::move(fix));
  f.location->line = at.start_line;
  f.location->end_line = at.end_line;
  return f;
}

model::Finding& Sink::report_file(std::string_view id, std::string message, std::string fix) {
  const RuleInfo* rule = find_rule(id);
  assert(rule && "rule id missing from the table");
  model::Finding f;
  f.id = std::string(id);
  f.severity = rule ? rule->severity : model::Severity::kWarning;
  f.message = message.empty() && rule ? std::string(rule->message) : std::move(message);
  f.fix = std::move(fix);
  f.location = model::SourceLocation{file_, 1, 1, 1};
  findings_.push_back(std::move(f));
  return findings_.back();
}

}  // namespace ballast::lint
