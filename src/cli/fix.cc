// `ballast fix [Dockerfile]`: the safe fixes of lint findings, as a unified
// diff on stdout (the summary on stderr), or written in place with --write
// (atomically: a temporary file beside it, renamed over it; its mode kept).
// Exit 0 whether or not something was fixed; with --exit-code, 1 when the
// file needed changes (for CI: "the Dockerfile is not fixed"). Bad input 2.
// --verify builds both versions with the user's engine and measures them
// (src/fix/verify.h); a fix that fails its smoke test or does not build
// exits 1, "not recommended", and is not written.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/image_choice.h"
#include "cli/smoke_flags.h"
#include "fix/docker_engine.h"
#include "fix/fix.h"
#include "fix/requirements_fix.h"
#include "fix/verify.h"
#include "report/fix_render.h"
#include "report/fix_verify_render.h"
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
  bool verify = false;
  SmokeArgs smoke;
  std::string tag_prefix = "ballast-verify";
  bool keep = false;
  std::string image;  // evidence: the image built from this Dockerfile
  std::string image_name;
  std::string platform = "linux/amd64";
};

// A repository name docker accepts (lowercase; `.`, `_`, `-` inside a
// component, `/` between, a registry's `host:port/` first), so a bad prefix
// is a usage error, not "the original does not build".
bool repository_name(const std::string& name) {
  if (name.empty() || name.size() > 200) return false;
  char prev = '/';
  for (char c : name) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    bool sep = c == '.' || c == '_' || c == '-' || c == '/' || c == ':';
    if (!alnum && !sep) return false;
    if (sep && c != '_' && !((prev >= 'a' && prev <= 'z') || (prev >= '0' && prev <= '9'))) return false;
    prev = c;
  }
  return (prev >= 'a' && prev <= 'z') || (prev >= '0' && prev <= '9');
}

void check_verify_flags(const FixArgs& a, const CLI::App& sub) {
  if (a.verify) {
    if (!repository_name(a.tag_prefix)) {
      throw InputError("--tag-prefix '" + a.tag_prefix + "': not an image repository name",
                       "use lowercase letters, digits and . _ - / (e.g. ballast-verify)");
    }
    return;
  }
  for (const char* name : {"--smoke", "--smoke-seconds", "--smoke-timeout", "--tag-prefix", "--keep"}) {
    if (sub.count(name)) throw InputError(std::string(name) + ": only with --verify");
  }
  if (a.format == "markdown") throw InputError("--format markdown: only with --verify (the before/after table)");
}

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
               "Split a single-stage C/C++, Python or Node build into a builder and a runtime stage (BA1011, BA1012, BA1018)");
  sub.add_option("--context", args->context,
                 "Build context directory (default: the Dockerfile's), read to check manifests before moving them; "
                 "with --verify, the context built");
  sub.add_option("--format", args->format, "Output format (markdown: with --verify)")
      ->check(CLI::IsMember({"text", "json", "markdown"}));
  sub.add_option("--config", args->config, "Config file (default: .ballast.yaml searched upward)");
  sub.add_flag("--no-config", args->no_config, "Ignore .ballast.yaml");
  sub.add_option("--build-arg", args->build_args, "KEY=VALUE build argument for ARG expansion (repeatable)");
  sub.add_option("--target", args->target, "Stage that is built (default: the last one)");
  sub.add_flag("--verify", args->verify,
               "Build the original and the fixed Dockerfile with the engine (docker CLI, BuildKit) and measure both");
  args->smoke.add_to(sub);
  sub.add_option("--tag-prefix", args->tag_prefix,
                 "With --verify: repository of the two tags built (PREFIX:before, PREFIX:after)");
  sub.add_flag("--keep", args->keep, "With --verify: keep the two images instead of removing them");
  sub.add_option("--image", args->image,
                 "The image built from this Dockerfile (any `ballast analyze` reference): evidence for fixes of the "
                 "context's files (requirements nothing imports are removed)");
  sub.add_option("--image-name", args->image_name, "With --image: NAME:TAG inside a multi-image archive");
  CLI::Option* platform =
      sub.add_option("--platform", args->platform, "With --image: os/arch[/variant] of a multi-platform image")
          ->capture_default_str();

  return [args, &sub, platform]() -> int {
    check_verify_flags(*args, sub);
    if (args->image.empty() && (sub.count("--image-name") || platform->count()))
      throw InputError(std::string(sub.count("--image-name") ? "--image-name" : "--platform") + ": only with --image");
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

    std::filesystem::path context = options.context_dir ? *options.context_dir
                                    : args->file == "-"  ? std::filesystem::path(".")
                                                         : std::filesystem::path(args->file).parent_path();
    if (context.empty()) context = ".";
    // --image: read once, before the Dockerfile's fixes (--multi-stage reads
    // its dpkg packages), for the requirements fixes after them.
    std::optional<python::ImageDistributions> evidence;
    const fix::EvidenceRequest evidence_request{args->image, args->image_name, args->platform, platform->count() > 0,
                                                context, args->file};
    if (!args->image.empty()) {
      if (args->file == "-") throw InputError("--image: needs the Dockerfile as a file, in its source tree");
      try {
        evidence = fix::read_evidence_image(evidence_request);
      } catch (const image::ImageChoiceError& e) {
        throw choose_image(e, "--image-name");
      }
      for (const auto& w : evidence->warnings) std::fprintf(stderr, "ballast: warning: %s\n", w.c_str());
      options.image = fix::image_evidence(*evidence);
    }
    fix::FixResult result = fix::fix_file(args->file, options);
    if (evidence) result.files = fix::evidence_fixes(evidence_request, *evidence);
    std::optional<fix::VerifyReport> verified;
    if (args->verify && result.changed()) {
      fix::VerifyRequest request;
      request.dockerfile = args->file;
      request.context = context;
      request.tag_prefix = args->tag_prefix;
      request.keep = args->keep;
      if (sub.count("--smoke")) request.smoke_command = args->smoke.command;
      request.smoke_seconds = args->smoke.seconds;
      request.smoke_timeout = args->smoke.timeout;
      request.build_args.insert(options.lint.build_args.begin(), options.lint.build_args.end());
      request.target = options.lint.target;
      fix::DockerCliEngine engine;
      verified = fix::verify(result, engine, request);
    }
    bool recommended = !verified || verified->recommended;
    std::string not_written = args->write && !recommended ? "the fix is not recommended" : "";
    bool written = false;
    if (args->write && result.changed() && recommended) {
      // Through a symlink to the file it names, so the link stays a link.
      auto write = [](const std::filesystem::path& path, const std::string& text) {
        std::error_code ec;
        auto real = std::filesystem::canonical(path, ec);
        report::write_file_atomically(ec ? path.string() : real.string(), text, /*keep_mode=*/true);
      };
      if (result.dockerfile_changed()) write(args->file, result.fixed);
      for (const auto& f : result.files) write(f.path, f.fixed);
      written = true;
    }
    if (args->format == "json") {
      auto doc = report::fix_to_json(result, written);
      doc["verify"] = verified ? report::verify_to_json(*verified) : nlohmann::json(nullptr);
      report::write_json(doc, std::cout);
    } else if (args->format == "markdown") {
      if (verified)
        report::render_verify_markdown(*verified, result.filename, std::cout, report::fix_diff(result),
                                       result.changes.size());
      else report::render_fix_summary(result, written, std::cout, not_written);
    } else {
      if (args->write) {
        report::render_fix_summary(result, written, std::cout, not_written);
      } else {
        std::cout << report::fix_diff(result);
        report::render_fix_summary(result, written, std::cerr);
      }
      if (verified) report::render_verify_text(*verified, result.filename, std::cout);
      else if (args->verify) std::cout << result.filename << ": nothing to fix, nothing to verify\n";
    }
    if (!recommended) return kExitCheckFailed;
    return args->exit_code && result.changed() ? kExitCheckFailed : kExitOk;
  };
}

}  // namespace ballast::cli
