// `ballast lint [FILE...]`: check Dockerfiles for size, cache, security and
// correctness problems (rules in docs/rules.md). Exit 0 clean, 1 when a
// finding reaches the failure threshold, 2 when a file could not be linted.
// Compose files (by name, or -f/--compose) go to src/compose/ (docs/compose.md).
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/terminal.h"
#include "compose/lint_compose.h"
#include "compose/project.h"
#include "lint/context_from_dir.h"
#include "lint/report.h"
#include "report/findings_render.h"
#include "report/findings_text.h"
#include "report/json_writer.h"
#include "report/lint_findings.h"
#include "report/lint_json.h"
#include "util/error.h"

namespace ballast::cli {
namespace {

struct LintArgs {
  std::vector<std::string> files;
  std::string format = "text";
  std::string failure_threshold;
  std::string config;
  bool no_config = false;
  std::vector<std::string> build_args;
  std::string target;
  std::string context;
  bool no_fix = false;
  std::vector<std::string> compose;
  std::vector<std::string> profiles;
  bool compose_config = false;
};

}  // namespace

Runner setup_lint(CLI::App& sub) {
  auto args = std::make_shared<LintArgs>();
  sub.add_option("files", args->files,
                 "Dockerfiles or Compose files (compose.yaml, docker-compose.yml, ...) to check "
                 "(default ./Dockerfile, - for stdin)");
  sub.add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember({"text", "json", "sarif", "github", "markdown"}));
  sub.add_option("--failure-threshold", args->failure_threshold,
                 "Exit 1 when a finding has at least this severity (default: config, else warning)")
      ->check(CLI::IsMember({"error", "warning", "info", "none"}));
  sub.add_option("--config", args->config, "Config file (default: .ballast.yaml searched upward from each file)");
  sub.add_flag("--no-config", args->no_config, "Ignore .ballast.yaml");
  sub.add_option("--build-arg", args->build_args, "KEY=VALUE build argument for ARG expansion (repeatable)");
  sub.add_option("--target", args->target, "Stage that is built (default: the last one)");
  sub.add_option("--context", args->context,
                 "Build context directory: enables the .dockerignore-aware rules (BA2006, BA4022, BA4023)");
  sub.add_flag("--no-fix", args->no_fix, "Text: leave out each finding's fix: line");
  sub.add_option("-f,--compose", args->compose,
                 "Compose file of one project, whatever its name; repeat to merge overrides as docker compose -f does")
      ->allow_extra_args(false);  // one value per -f, so a positional file may follow
  sub.add_option("--profile", args->profiles, "Compose profile to enable (repeatable; COMPOSE_PROFILES adds to them)")
      ->allow_extra_args(false);  // one value per --profile, so a positional file may follow
  sub.add_flag("--compose-config", args->compose_config,
               "Print the merged, interpolated Compose model as JSON instead of linting (docs/compose.md)");

  return [args]() -> int {
    lint::LintRequest request;
    request.files = args->files;
    if (!args->config.empty()) request.config_path = args->config;
    request.search_config = !args->no_config;
    if (!args->failure_threshold.empty()) request.threshold = lint::parse_failure_threshold(args->failure_threshold);
    for (const auto& kv : args->build_args) {
      auto eq = kv.find('=');
      if (eq == std::string::npos || eq == 0) throw InputError("--build-arg '" + kv + "': expected KEY=VALUE");
      request.build_args[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    if (!args->target.empty()) request.target = args->target;
    lint::ContextInfo context;
    if (!args->context.empty()) {
      std::string dockerfile = args->files.size() == 1 && args->files[0] != "-" ? args->files[0] : "";
      context = lint::context_from_dir(args->context, dockerfile);
      request.context = &context;
    }

    compose::ComposeLintOptions compose_options{args->compose, args->profiles};
    if (args->compose_config) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& project : compose::load_projects(request, compose_options)) {
        out.push_back(compose::project_to_json(project));
      }
      if (out.empty()) throw InputError("--compose-config: no Compose file given (name one, or -f FILE)");
      report::write_json(out.size() == 1 ? out[0] : out, std::cout);
      return kExitOk;
    }
    lint::LintReport report = compose::lint_all(request, compose_options);
    report::FindingsDocument findings = report::lint_findings(report);
    if (args->format == "json") {
      report::render_lint_json(report, std::cout);
    } else if (auto format = report::parse_findings_format(args->format)) {
      report::render_findings(*format, findings, std::cout);
    } else {
      findings.problems.clear();  // they go to stderr below
      const report::TextStyle style = stdout_style();
      std::ostringstream text;
      report::render_findings_text(findings, text, style, !args->no_fix);
      std::cout << report::fit_to_width(text.str(), style.width);
    }
    // Files that could not be linted: one line each on stderr, whatever the format.
    for (const auto& e : report.errors) std::cerr << "ballast: error: " << e.message << '\n';
    return report.exit_code();
  };
}

}  // namespace ballast::cli
