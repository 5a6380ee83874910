// The result of `ballast lint` over several files: every finding (each with
// its file in location), the files BuildKit would reject (their parse error;
// the other files are still linted) and whether the failure threshold was
// reached. Renderers in src/report/lint_*.cc print it; nothing here prints.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dockerfile/stages.h"
#include "lint/config.h"
#include "lint/context_info.h"
#include "model/finding.h"

namespace ballast::lint {

struct LintError {
  std::string file;
  std::string message;  // one line, "Dockerfile:3:1: ..." for parse errors
};

// The Compose service a finding comes from (`ballast lint compose.yml`,
// docs/compose.md): its name and the line of the compose file that defines it
// (its `build:` for the findings of its Dockerfile and context).
struct ComposeOrigin {
  std::string service;
  std::string file;
  int line = 0;
};

struct LintReport {
  std::vector<std::string> files;         // as given ("-" shown as "<stdin>")
  std::vector<model::Finding> findings;   // in file order, then line
  std::map<std::size_t, ComposeOrigin> compose;  // by index into findings
  std::vector<LintError> errors;
  FailureThreshold threshold = kDefaultFailureThreshold;
  bool failed = false;                    // a finding reached its file's threshold

  // util/error.h: 2 when a file could not be linted, else 1 when failed, else 0.
  int exit_code() const;
};

struct LintRequest {
  std::vector<std::string> files;                   // "-" reads stdin; empty: ./Dockerfile
  std::optional<std::filesystem::path> config_path; // --config; else searched upward per file
  bool search_config = true;                        // false: no .ballast.yaml unless config_path
  std::optional<FailureThreshold> threshold;        // --failure-threshold overrides the config
  dockerfile::BuildArgs build_args;
  std::optional<std::string> target;
  const ContextInfo* context = nullptr;
};

// Never throws for a bad Dockerfile (it becomes a LintError); throws
// InputError for a bad --config file.
LintReport lint_files(const LintRequest& request);

}  // namespace ballast::lint
