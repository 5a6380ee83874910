// `ballast fix`: rewrite a Dockerfile so that lint findings go away, one safe
// edit at a time. Each fixer reads the current text, its parse and its lint
// findings, and proposes byte edits (src/fix/source_text.h keeps every other
// byte as it was); the driver applies them, re-parses and re-lints, and runs
// the fixers again until nothing changes, so a second `fix` is a no-op. A fix
// whose safety cannot be shown is withheld with the reason. docs/fix.md lists
// every fix, when it applies and when it is withheld.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lint/linter.h"
#include "model/finding.h"

namespace ballast::fix {

// What the image built from the Dockerfile says of its OS packages (`fix
// --image`): with it, --multi-stage splits a build whose apt install names a
// -dev package, keeping the runtime libraries the package's dpkg Depends
// bring (libssl-dev -> libssl3) in the runtime stage.
struct ImagePackage {
  std::string name;
  std::vector<std::vector<std::string>> depends;  // groups of alternatives, names only
  bool in_base = false;  // listed by the base image's layers: the runtime stage has it
};
struct ImageEvidence {
  std::string image;  // its description, for messages
  std::vector<ImagePackage> os_packages;
};

struct FixOptions {
  std::set<std::string, std::less<>> only;    // rule ids; empty: every fixable one
  std::set<std::string, std::less<>> except;
  // Cache mounts (RUN --mount=type=cache) instead of removing the apt lists,
  // pip cache and npm cache in the RUN; adds `# syntax=docker/dockerfile:1`.
  bool cache_mounts = false;
  // Split a single-stage build into a builder and a runtime stage (BA1011,
  // BA1012; BA1018: a Node build whose devDependencies --omit=dev cannot drop).
  bool multi_stage = false;
  // The build context, to read requirements files and package.json before
  // moving them ahead of `COPY . .`; unset: the Dockerfile's directory.
  std::optional<std::filesystem::path> context_dir;
  // --image: the built image's OS packages (none: -dev packages withhold
  // the multi-stage split).
  std::optional<ImageEvidence> image;
  lint::LintOptions lint;
  // fix_file only: the lint config (.ballast.yaml `lint:`), given or searched
  // upward from the Dockerfile, so ignored rules are not "fixed" either.
  std::optional<std::filesystem::path> config_path;
  bool search_config = true;
};

struct Change {
  std::vector<std::string> ids;  // the findings it fixes ("BA1001")
  int line = 0;                  // in the original file
  std::string description;       // what was changed, one line
};

struct Withheld {
  std::string id;
  int line = 0;                  // in the original file
  std::string reason;            // why ballast left it, one line
};

// A fix of another file of the context than the Dockerfile (a requirements
// file, from `--image` evidence: src/fix/requirements_fix.h).
struct FileFix {
  std::string name;              // relative to the context, as shown in the diff
  std::filesystem::path path;    // where it is read and written
  std::string original;
  std::string fixed;
  std::vector<Change> changes;   // Change::line is in this file
  std::uint64_t bytes = 0;       // what the evidence says the changes free in the image
};

struct FixResult {
  std::string filename;
  std::string original;
  std::string fixed;
  std::vector<Change> changes;
  std::vector<Withheld> withheld;
  std::vector<model::Finding> before;  // lint of the original
  std::vector<model::Finding> after;   // lint of the result
  std::vector<FileFix> files;          // other files of the context, changed
  bool changed() const { return original != fixed || !files.empty(); }
  bool dockerfile_changed() const { return original != fixed; }
};

// The rule ids some fixer handles, sorted.
std::span<const std::string_view> fixable_ids();

// Rule names as users write them (BA1001, DL3015, JSONArgsRecommended) to BA
// ids. Throws InputError("--only: unknown rule id 'X'", "did you mean 'Y'?")
// for a name that is no lint rule; `flag` names the option in the message.
std::set<std::string, std::less<>> resolve_rule_ids(const std::vector<std::string>& names, std::string_view flag);

// Throws dockerfile::ParseError when `text` does not parse.
FixResult fix_text(std::string_view text, const std::string& filename, const FixOptions& options);

// Reads `path` ("-" stdin) and fixes it.
FixResult fix_file(const std::string& path, const FixOptions& options);

}  // namespace ballast::fix
