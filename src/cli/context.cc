// `ballast context [DIR] [-f Dockerfile]`: what the build context sends under
// .dockerignore, and how the Dockerfile uses it (src/context/analysis.h).
#include <CLI/CLI.hpp>

#include <unistd.h>

#include <cstdio>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/count_validator.h"
#include "cli/command.h"
#include "config/config_file.h"
#include "context/analysis.h"
#include "context/config.h"
#include "report/context_findings.h"
#include "report/context_report.h"
#include "report/findings_render.h"
#include "report/json_writer.h"
#include "util/c_quote.h"
#include "util/error.h"

namespace ballast::cli {

namespace {

struct ContextFlags {
  std::string dir = ".";
  std::string dockerfile;
  std::string format = "text";
  std::string engine = "buildkit";
  std::vector<std::string> changed;
  bool list = false;
  bool no_dockerfile = false;
  bool exact = false;
  bool strict = false;
  std::size_t top = 10;
  std::uint64_t big_mb = 50;
  unsigned walk_threads = 0;
  std::string config;
  bool no_config = false;
};

void write(const std::string& s) { std::fwrite(s.data(), 1, s.size(), stdout); }

}  // namespace

Runner setup_context(CLI::App& sub) {
  auto f = std::make_shared<ContextFlags>();
  sub.add_option("dir", f->dir, "The build context directory (default .)");
  sub.add_option("-f,--file", f->dockerfile, "The Dockerfile (default DIR/Dockerfile when present)");
  sub.add_flag("--no-dockerfile", f->no_dockerfile, "Ignore the Dockerfile: context and .dockerignore only");
  sub.add_option("--changed", f->changed, "Paths (relative to the context) whose change to explain")
      ->expected(1, -1);
  sub.add_option("--format", f->format, "text, json, or the findings as sarif, github (annotations) or markdown")
      ->check(CLI::IsMember({"text", "json", "sarif", "github", "markdown"}));
  sub.add_option("--engine", f->engine,
                 "Whose context sender to reproduce: buildkit (current Docker/BuildKit) or 20.10 (Docker 20.10)")
      ->check(CLI::IsMember({"buildkit", "20.10"}));
  sub.add_flag("--list", f->list, "Print the sent paths (directories end with '/'), one per line, sorted");
  sub.add_option("--top", f->top, "Rows per list (default 10)")->check(count_validator());
  sub.add_option("--big-file-mb", f->big_mb, "Files above this size are suggested for exclusion (default 50)")
      ->check(count_validator());
  sub.add_flag("--bytes", f->exact, "Exact byte counts instead of human units");
  sub.add_option("--walk-threads", f->walk_threads,
                 "Threads reading and stat'ing the tree (default: twice the cores, 4-16; 1 = serial)")
      ->check(count_validator());
  sub.add_flag("--strict", f->strict, "Exit 1 when there is an error finding (e.g. a COPY source excluded)");
  sub.add_option("--config", f->config, "Configuration file (default: .ballast.yaml in DIR or a parent)");
  sub.add_flag("--no-config", f->no_config, "Ignore .ballast.yaml");
  return [f, &sub] {
    // .ballast.yaml's context: section gives the defaults; flags given win.
    const context::ContextSettings settings =
        context::context_settings(config::resolve_config(f->config, f->no_config, f->dir));
    auto given = [&sub](const char* flag) { return sub.count(flag) > 0; };
    if (!given("--engine") && settings.engine) f->engine = *settings.engine == context::Engine::kDocker20 ? "20.10" : "buildkit";
    if (!given("--top") && settings.top) f->top = *settings.top;
    if (!given("--big-file-mb") && settings.big_file_mb) f->big_mb = *settings.big_file_mb;
    if (!given("--walk-threads") && settings.walk_threads) f->walk_threads = *settings.walk_threads;
    if (!given("--strict") && settings.strict) f->strict = *settings.strict;
    context::ContextOptions options;
    options.dockerfile = f->dockerfile;
    options.use_dockerfile = !f->no_dockerfile;
    options.engine = f->engine == "20.10" ? context::Engine::kDocker20 : context::Engine::kBuildKit;
    if (!f->changed.empty() && f->no_dockerfile) throw InputError("--changed needs a Dockerfile (drop --no-dockerfile)");
    options.changed = f->changed;
    options.list = f->list;
    options.top = f->top;
    options.big_file_bytes = f->big_mb * 1024 * 1024;
    options.walk_threads = f->walk_threads;
    const bool progress = ::isatty(STDERR_FILENO) != 0;
    if (progress)
      options.progress.report = [](std::size_t entries) {
        std::fprintf(stderr, "\rreading context: %zu entries", entries);
      };
    const context::ContextReport report = context::analyze_context(f->dir, options);
    if (progress) std::fprintf(stderr, "\r%*s\r", 40, "");
    if (f->list && f->format == "text") {
      // One name per line, always: a name with a newline or an ESC is quoted (util/c_quote.h).
      for (const auto& p : report.sent) {
        write(c_quote_name(p));
        write("\n");
      }
    } else if (auto format = report::parse_findings_format(f->format)) {
      std::ostringstream out;
      report::render_findings(*format, report::context_findings(report, f->dir), out);
      write(out.str());
    } else if (f->format == "json") {
      write(report::json_text(report::context_to_json(report)));
      write("\n");
    } else {
      write(report::render_context_text(report, f->exact));
    }
    for (const auto& w : report.warnings)
      std::fprintf(stderr, "ballast: warning: %s: %s\n", w.path.c_str(), w.message.c_str());
    if (f->strict)
      for (const auto& finding : report.findings)
        if (finding.severity == model::Severity::kError) return kExitCheckFailed;
    return kExitOk;
  };
}

}  // namespace ballast::cli
