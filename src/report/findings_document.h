// What every command's findings look like to the shared renderers
// (findings_text, findings_sarif, findings_github, findings_markdown): the
// model::Finding list itself, the rules they come from (SARIF's rule table)
// and the inputs that could not be read. Each command fills one from its
// report object; the renderers know no command.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "model/finding.h"

namespace ballast::report {

struct RuleDescription {
  std::string id;
  std::string name;     // a short readable name, when the rule has one
  std::string summary;  // one line: what the rule finds
  std::string help;     // where it is documented: "docs/rules.md#ba1001"
  model::Severity level = model::Severity::kWarning;
  bool enabled = true;
  std::vector<std::pair<std::string, std::string>> properties;  // extra names (hadolint code...)
};

// An input that could not be examined (a Dockerfile that does not parse).
struct InputProblem {
  std::string file;
  std::string message;
};

struct FindingsDocument {
  std::string command;  // "lint", "analyze", "context", "deps"
  std::string subject;  // what was examined: an image, a directory ("" for lint's files)
  const std::vector<model::Finding>* findings = nullptr;
  // Every rule the tool has, in its table order. Empty: one rule per
  // distinct finding id (in order of appearance), documented in `help_page`.
  std::vector<RuleDescription> rules;
  std::string help_page;
  std::vector<InputProblem> problems;
};

// The rules of `doc` as rendered: doc.rules, or those derived from the findings.
std::vector<RuleDescription> rules_of(const FindingsDocument& doc);

}  // namespace ballast::report
