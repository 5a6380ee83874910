// The `lint:` section of .ballast.yaml (schema: config/schema.h; searched upward from the Dockerfile,
// or given with --config): rules to ignore or enable, severity overrides,
// trusted registries and the failure threshold. Rules may be named by their
// BA id, a hadolint code (DL3015) or a BuildKit check name; all map to BA ids.
//
//   lint:
//     ignore: [BA1001, DL3059, JSONArgsRecommended]
//     enable: [BA4020]
//     severity: {BA2004: warning, BA3001: error}
//     trusted_registries: [docker.io, ghcr.io]
//     failure_threshold: warning      # error|warning|info|none
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/severity.h"

namespace ballast::config {
class ConfigFile;
}

namespace ballast::lint {

// Exit 1 when a finding's severity reaches the threshold; kNone never fails.
enum class FailureThreshold { kInfo, kWarning, kError, kNone };

inline constexpr FailureThreshold kDefaultFailureThreshold = FailureThreshold::kWarning;

std::optional<FailureThreshold> parse_failure_threshold(std::string_view text);
bool reaches(model::Severity severity, FailureThreshold threshold);

struct Config {
  std::set<std::string> ignored;                     // BA ids
  std::set<std::string> enabled;                     // BA ids of off-by-default rules turned on
  std::map<std::string, model::Severity> severity;   // BA id -> severity
  std::vector<std::string> trusted_registries;       // empty: every registry is trusted
  std::optional<FailureThreshold> failure_threshold;
  std::string source;                                // file it was read from, "" for defaults
};

// The `lint:` section of a checked file (config/config_file.h). Throws
// InputError naming the file and line on a bad value or an unknown rule.
Config lint_config(const config::ConfigFile& file);

// Parse (or read) a whole .ballast.yaml and take its lint section.
Config parse_config(std::string_view yaml_text, const std::string& source);
Config load_config(const std::filesystem::path& path);

// Maps a rule name as users write it (BA id, DLxxxx, BuildKit name) to BA ids; empty if unknown.
std::vector<std::string> resolve_rule_name(std::string_view name);

}  // namespace ballast::lint
