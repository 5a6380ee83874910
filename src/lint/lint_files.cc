#include "lint/report.h"

#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <sstream>
#include <system_error>

#include "dockerfile/parser.h"
#include "lint/linter.h"
#include "config/config_file.h"
#include "util/error.h"

namespace ballast::lint {
namespace {

// Reads in chunks up to the parser's limit (+1 byte to detect "too large"), so
// a huge or endless input (a device, a pipe) is rejected without reading it
// all, and a small file costs no more than its size (no 10 MB buffer to zero).
std::string read_limited(std::istream& in, const std::string& name) {
  std::string text;
  char chunk[64 * 1024];
  while (in && text.size() <= dockerfile::kMaxDockerfileBytes) {
    in.read(chunk, sizeof chunk);
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
  }
  if (text.size() > dockerfile::kMaxDockerfileBytes) {
    throw InputError(name + ": too large for a Dockerfile (more than " +
                     std::to_string(dockerfile::kMaxDockerfileBytes / (1024 * 1024)) + " MB)");
  }
  return text;
}

std::string read_input(const std::string& path) {
  if (path == "-") return read_limited(std::cin, "<stdin>");
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw InputError(path + ": is a directory, not a Dockerfile");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot read file");
  return read_limited(in, path);
}

}  // namespace

int LintReport::exit_code() const {
  if (!errors.empty()) return kExitBadInput;
  return failed ? kExitCheckFailed : kExitOk;
}

LintReport lint_files(const LintRequest& request) {
  LintReport report;
  std::optional<Config> explicit_config;
  if (request.config_path) explicit_config = load_config(*request.config_path);
  if (request.threshold) {
    report.threshold = *request.threshold;
  } else if (explicit_config && explicit_config->failure_threshold) {
    report.threshold = *explicit_config->failure_threshold;
  }

  std::vector<std::string> files = request.files;
  if (files.empty()) files.push_back("Dockerfile");
  // Files of one directory share its config: search and parse it once.
  std::map<std::filesystem::path, std::optional<Config>> config_by_dir;
  bool first = true;
  for (const auto& path : files) {
    std::string display = path == "-" ? "<stdin>" : path;
    report.files.push_back(display);
    LintOptions options;
    options.context = request.context;
    options.build_args = request.build_args;
    options.target = request.target;
    try {
      if (explicit_config) {
        options.config = *explicit_config;
      } else if (request.search_config) {
        std::filesystem::path dir = path == "-" ? std::filesystem::current_path()
                                                : std::filesystem::absolute(path).parent_path();
        auto cached = config_by_dir.find(dir);
        if (cached == config_by_dir.end()) {
          std::optional<Config> loaded;
          if (auto found = config::find_config_file(dir)) loaded = load_config(*found);
          cached = config_by_dir.emplace(dir, std::move(loaded)).first;
        }
        if (cached->second) options.config = *cached->second;
      }
      FailureThreshold threshold = request.threshold ? *request.threshold
                                   : options.config.failure_threshold ? *options.config.failure_threshold
                                                                       : kDefaultFailureThreshold;
      if (first && !request.threshold && !explicit_config) report.threshold = threshold;
      first = false;
      std::string text = read_input(path);
      auto findings = lint_text(text, display, options);
      for (auto& f : findings) {
        if (reaches(f.severity, threshold)) report.failed = true;
        report.findings.push_back(std::move(f));
      }
    } catch (const InputError& e) {
      std::string message = e.what();
      if (!e.hint().empty()) message += "; " + e.hint();
      report.errors.push_back({display, std::move(message)});
    }
  }
  return report;
}

}  // namespace ballast::lint
