// Lint one Dockerfile: parse (BuildKit semantics), build the stage model, run
// every rule family, then keep what the config and inline suppressions allow.
// Findings are data; only a Dockerfile BuildKit rejects throws (ParseError).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/parser.h"
#include "dockerfile/stages.h"
#include "lint/config.h"
#include "lint/context_info.h"
#include "model/finding.h"

namespace ballast::lint {

struct LintOptions {
  Config config;
  const ContextInfo* context = nullptr;   // from src/context/, optional
  dockerfile::BuildArgs build_args;       // --build-arg, for ARG expansion
  std::optional<std::string> target;      // --target: which stage is the image
};

// Sorted by line, then id. Throws dockerfile::ParseError.
std::vector<model::Finding> lint_text(std::string_view text, const std::string& filename,
                                      const LintOptions& options);
std::vector<model::Finding> lint_parsed(const dockerfile::ParsedDockerfile& parsed, const LintOptions& options);

}  // namespace ballast::lint
