// `ballast deps [DIR]`: Python requirements against the imports of the code.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <sstream>

#include "cli/command.h"
#include "cli/terminal.h"
#include "cli/image_choice.h"
#include "config/config_file.h"
#include "python/deps_config.h"
#include "python/deps_analysis.h"
#include "python/finding_codes.h"
#include "python/image_distributions.h"
#include "python/stdlib_modules.h"
#include "report/deps_findings.h"
#include "report/deps_json.h"
#include "report/findings_render.h"
#include "report/deps_text.h"
#include "report/json_writer.h"
#include "util/error.h"

namespace ballast::cli {

namespace {

struct DepsFlags {
  std::string dir = ".";
  std::string dockerfile;
  std::string python_version = "3.11";
  std::vector<std::string> excludes;
  std::string format = "text";
  std::string fail_on;
  bool dockerignore = false;
  std::string image;
  std::string image_name;
  std::string platform = "linux/amd64";
  std::string config;
  bool no_config = false;
};

}  // namespace

Runner setup_deps(CLI::App& sub) {
  auto flags = std::make_shared<DepsFlags>();
  sub.add_option("DIR", flags->dir, "Project directory (default: .)");
  sub.add_option("-f,--file", flags->dockerfile, "Dockerfile whose CMD/ENTRYPOINT/RUN use packages (default: DIR/Dockerfile)");
  sub.add_option("--python-version", flags->python_version, "Target Python for the standard library list (3.8-3.13)")
      ->capture_default_str();
  sub.add_option("--exclude", flags->excludes, "Skip paths matching these globs (repeatable)");
  sub.add_flag("--dockerignore", flags->dockerignore, "Only scan the .py files DIR/.dockerignore lets into the image");
  sub.add_option("--image", flags->image,
                 "Image holding the installed packages (any `ballast analyze` reference): real import names and the "
                 "bytes each unused package frees");
  sub.add_option("--image-name", flags->image_name, "NAME:TAG inside a multi-image archive");
  CLI::Option* platform =
      sub.add_option("--platform", flags->platform,
                     "os/arch[/variant]: the one to pick in a multi-platform image; given, a single-platform image must be it")
          ->capture_default_str();
  sub.add_option("--format", flags->format, "text, json, or the findings as sarif, github (annotations) or markdown")
      ->check(CLI::IsMember({"text", "json", "sarif", "github", "markdown"}))
      ->capture_default_str();
  sub.add_option("--fail-on", flags->fail_on,
                 "Exit 1 when any of these findings occur: missing,unused,transitive,dev,stdlib,unpinned,conflict,cuda,all");
  sub.add_option("--config", flags->config, "Configuration file (default: .ballast.yaml in DIR or a parent)");
  sub.add_flag("--no-config", flags->no_config, "Ignore .ballast.yaml");
  return [flags, &sub, platform] {
    // .ballast.yaml's deps: section gives the defaults; flags given win.
    const python::DepsSettings settings =
        python::deps_settings(config::resolve_config(flags->config, flags->no_config, flags->dir));
    auto given = [&sub](const char* flag) { return sub.count(flag) > 0; };
    python::DepsOptions options;
    options.root = flags->dir;
    auto minor = python::parse_python_version(flags->python_version);
    if (!minor) throw InputError("--python-version: '" + flags->python_version + "' is not one of 3.8 ... 3.13");
    options.python_minor = !given("--python-version") && settings.python_minor ? *settings.python_minor : *minor;
    options.excludes = !given("--exclude") && settings.excludes ? *settings.excludes : flags->excludes;
    if (!flags->dockerfile.empty()) options.dockerfile = flags->dockerfile;
    const bool dockerignore = given("--dockerignore") ? flags->dockerignore : settings.dockerignore.value_or(false);
    if (dockerignore) options.dockerignore = options.root / ".dockerignore";
    std::vector<std::string> fail_ids;
    if (!given("--fail-on") && settings.fail_on) {
      fail_ids = *settings.fail_on;
    } else {
      try {
        fail_ids = python::parse_fail_on(flags->fail_on);
      } catch (const InputError& e) {
        throw InputError(std::string("--fail-on: ") + e.what());
      }
    }

    python::ImageDistributions image;
    if (!flags->image.empty()) {
      try {
        image = python::read_image_distributions({flags->image, flags->image_name, flags->platform, platform->count() > 0});
      } catch (const image::ImageChoiceError& e) {
        throw choose_image(e, "--image-name");
      }
      options.installed = &image.distributions;
      options.os_packages = &image.os_packages;
      options.image = image.description;
      for (const auto& w : image.warnings) std::fprintf(stderr, "ballast: warning: %s\n", w.c_str());
    }
    python::DepsReport report = python::analyze_deps(options);
    if (auto format = report::parse_findings_format(flags->format)) {
      std::ostringstream out;
      report::render_findings(*format, report::deps_findings(report, flags->dir), out);
      const std::string text = out.str();
      std::fwrite(text.data(), 1, text.size(), stdout);
    } else if (flags->format == "json") {
      std::printf("%s\n", report::json_text(report::deps_to_json(report)).c_str());
    } else {
      const report::TextStyle style = stdout_style();
      std::fputs(report::fit_to_width(report::render_deps_text(report, style), style.width).c_str(), stdout);
    }
    for (const auto& f : report.findings) {
      if (std::find(fail_ids.begin(), fail_ids.end(), f.id) != fail_ids.end()) return kExitCheckFailed;
    }
    return kExitOk;
  };
}

}  // namespace ballast::cli
