// BA2001 (whole context copied before the dependency install) and BA2002
// (manifests copied together with code). BuildKit reuses a layer only while
// every earlier instruction's inputs are unchanged: a COPY of the code before
// `pip install -r requirements.txt` re-runs the install on every code change.
#include <algorithm>
#include <array>
#include <string>

#include "lint/checks.h"
#include "lint/rule_util.h"
#include "lint/sink.h"

namespace ballast::lint {
namespace {

// The ecosystem a dependency-install command belongs to, "" if it is not one.
std::string_view install_ecosystem(const Invocation& inv) {
  if (inv.program == "pip" && inv.sub == "install") return "python";
  if (inv.program == "uv" && (inv.sub == "sync" || inv.sub == "pip")) return "python";
  if ((inv.program == "poetry" || inv.program == "pipenv" || inv.program == "pdm") && inv.sub == "install") {
    return "python";
  }
  if (inv.program == "npm" && (inv.sub == "ci" || ((inv.sub == "install" || inv.sub == "i") && inv.operands.empty()))) {
    return "node";
  }
  if ((inv.program == "yarn" && (inv.sub.empty() || inv.sub == "install")) ||
      (inv.program == "pnpm" && inv.sub == "install")) {
    return "node";
  }
  if (inv.program == "go" && inv.sub == "mod" && !inv.operands.empty() && inv.operands[0] == "download") return "go";
  if (inv.program == "bundle" && inv.sub == "install") return "ruby";
  if (inv.program == "composer" && inv.sub == "install") return "php";
  if (inv.program == "cargo" && inv.sub == "fetch") return "rust";
  return {};
}

bool is_manifest(std::string_view src) {
  static constexpr std::array<std::string_view, 22> kManifests = {
      "requirements*.txt", "requirements", "package.json", "package-lock.json", "package*.json", "yarn.lock",
      "pnpm-lock.yaml", "pyproject.toml", "poetry.lock", "Pipfile", "Pipfile.lock", "uv.lock", "go.mod",
      "go.sum", "Cargo.toml", "Cargo.lock", "Gemfile", "Gemfile.lock", "composer.json", "composer.lock",
      "pom.xml", "setup.py"};
  std::string_view name = basename_of(src);
  for (std::string_view m : kManifests) {
    if (glob_match(m, name) || name == m) return true;
  }
  return name.starts_with("requirements") || name.find("requirements") != std::string_view::npos;
}

bool whole_context(const std::vector<std::string>& sources) {
  return std::any_of(sources.begin(), sources.end(),
                     [](const std::string& s) { return s == "." || s == "./" || s == "*" || s == "./*"; });
}

bool copies_from_context(const dockerfile::Instruction& inst) {
  return (inst.keyword == "copy" || inst.keyword == "add") && inst.heredocs.empty() &&
         !dockerfile::flag_value(inst, "from");
}

}  // namespace

void check_copy_order(const LintInput& input, Sink& sink) {
  for (const auto& stage : input.model.stages) {
    const auto& ins = stage.instructions;
    for (std::size_t k = 0; k < ins.size(); ++k) {
      int index = ins[k];
      const auto& inst = input.inst(index);
      if (!copies_from_context(inst)) continue;
      auto sources = input.copy_sources(index);
      // The first dependency install after this COPY, in the same stage.
      int install_at = -1;
      std::string_view ecosystem;
      for (std::size_t j = k + 1; j < ins.size() && install_at < 0; ++j) {
        if (!input.runs[ins[j]]) continue;
        for (const auto& inv : input.runs[ins[j]]->invocations) {
          ecosystem = install_ecosystem(inv);
          if (!ecosystem.empty()) {
            install_at = ins[j];
            break;
          }
        }
      }
      if (install_at < 0) continue;
      if (whole_context(sources)) {
        // Not a problem when the dependencies were already installed before it.
        bool installed_before = false;
        for (int i : input.chain_instructions(stage.index)) {
          if (i >= index) break;
          if (!input.runs[i]) continue;
          for (const auto& inv : input.runs[i]->invocations) {
            if (install_ecosystem(inv) == ecosystem) installed_before = true;
          }
        }
        if (!installed_before) {
          sink.report("BA2001", inst,
                      inst.keyword == "add" ? "ADD of the whole context comes before the dependency install at " +
                                                  line_ref(input, install_at) + ": every code change re-runs it"
                                            : "COPY of the whole context comes before the dependency install at " +
                                                  line_ref(input, install_at) + ": every code change re-runs it",
                      "copy only the dependency manifests, install, then COPY . .");
        }
        continue;
      }
      bool manifest = false, code = false;
      for (const auto& s : sources) (is_manifest(s) ? manifest : code) = true;
      if (manifest && code) {
        sink.report("BA2002", inst,
                    "dependency manifests copied together with source code before the install at " +
                        line_ref(input, install_at),
                    "copy the manifests alone, install, then COPY the code");
      }
    }
  }
}

}  // namespace ballast::lint
