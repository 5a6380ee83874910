// `ballast fix [Dockerfile]`: the safe fixes of lint findings, as a unified
// diff on stdout (the summary on stderr), or written in place with --write
// (atomically: a temporary file beside it, renamed over it; its mode kept).
// Exit 0 whether or not something was fixed; with --exit-code, 1 when the
// file needed changes (for CI: "the Dockerfile is not fixed"). Bad input 2.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/command.h"
#include "fix/fix.h"
#include "report/fix_render.h"
#include "report/json_writer.h"
#include "report/output_file.h"
#include "util/error.h"

namespace ballast::cli {
namespace {

struct FixArgs {
  std::string file = "Dockerfile";
  bool write = false;
  bool exit_code = false;
  std::vector<std::string> only;
  std::vector<std::string> except;
  bool cache_mounts = false;
  bool multi_stage = false;
  std::string context;
  std::string format = "text";
  std::string config;
  bool no_config = false;
  std::vector<std::string> build_args;
  std::string target;
};

}  // namespace

Runner setup_fix(CLI::App& sub) {
  auto args = std::make_shared<FixArgs>();
  sub.add_option("file", args->file, "Dockerfile to fix (default ./Dockerfile, - for stdin)");
  sub.add_flag("--write,-w", args->write, "Write the fixed Dockerfile in place (atomically) instead of printing a diff");
  sub.add_flag("--exit-code", args->exit_code, "Exit 1 when the Dockerfile needed changes (written or not)");
  sub.add_option("--only", args->only, "Fix only these rule ids (comma-separated, BA or DL ids)")->delimiter(',');
  sub.add_option("--except", args->except, "Do not fix these rule ids (comma-separated)")->delimiter(',');
  sub.add_flag("--cache-mounts", args->cache_mounts,
               "Use RUN --mount=type=cache for apt/pip/npm caches instead of removing them in the RUN");
  sub.add_flag("--multi-stage", args->multi_stage,
               "Split a single-stage C/C++ or Python build into a builder and a runtime stage (BA1011, BA1012)");
  sub.add_option("--context", args->context,
                 "Build context directory (default: the Dockerfile's), read to check manifests before moving them");
  sub.add_option("--format", args->format, "Output format")->check(CLI::IsMember({"text", "json"}));
  sub.add_option("--config", args->config, "Config file (default: .ballast.yaml searched upward)");
  sub.add_flag("--no-config", args->no_config, "Ignore .ballast.yaml");
  sub.add_option("--build-arg", args->build_args, "KEY=VALUE build argument for ARG expansion (repeatable)");
  sub.add_option("--target", args->target, "Stage that is built (default: the last one)");

  return [args]() -> int {
    fix::FixOptions options;
    options.only = fix::resolve_rule_ids(args->only, "--only");
    options.except = fix::resolve_rule_ids(args->except, "--except");
    options.cache_mounts = args->cache_mounts;
    options.multi_stage = args->multi_stage;
    if (!args->context.empty()) {
      std::error_code ec;
      if (!std::filesystem::is_directory(args->context, ec)) {
        throw InputError("--context " + args->context + ": not a directory");
      }
      options.context_dir = args->context;
    }
    if (!args->config.empty()) options.config_path = args->config;
    options.search_config = !args->no_config;
    for (const auto& kv : args->build_args) {
      auto eq = kv.find('=');
      if (eq == std::string::npos || eq == 0) throw InputError("--build-arg '" + kv + "': expected KEY=VALUE");
      options.lint.build_args[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    if (!args->target.empty()) options.lint.target = args->target;
    if (args->write && args->file == "-") throw InputError("--write: cannot write back to stdin");

    fix::FixResult result = fix::fix_file(args->file, options);
    bool written = false;
    if (args->write && result.changed()) {
      // Through a symlink to the file it names, so the link stays a link.
      std::error_code ec;
      auto real = std::filesystem::canonical(args->file, ec);
      report::write_file_atomically(ec ? args->file : real.string(), result.fixed, /*keep_mode=*/true);
      written = true;
    }
    if (args->format == "json") {
      report::write_json(report::fix_to_json(result, written), std::cout);
    } else if (args->write) {
      report::render_fix_summary(result, written, std::cout);
    } else {
      std::cout << report::fix_diff(result);
      report::render_fix_summary(result, written, std::cerr);
    }
    return args->exit_code && result.changed() ? kExitCheckFailed : kExitOk;
  };
}

}  // namespace ballast::cli
