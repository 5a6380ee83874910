// The Node side of `--multi-stage`: a stage that installs package.json's
// whole tree (BA1018) and then builds with it (`npm run build`, `npx tsc`)
// keeps the devDependencies because the build needs them. The builder runs
// `npm prune --omit=dev` after the last build step, and the runtime stage
// copies the app directory — the code, the build's output and the pruned
// node_modules — from it. Everything the build leaves outside that directory
// would be lost, so the split is refused whenever something may write there:
// a lifecycle script of package.json, an install script of a dependency
// (package-lock.json's `hasInstallScript`), workspaces, a global install, a
// command naming a path outside the app directory; also yarn and pnpm (their
// prune differs), and a CMD/ENTRYPOINT that is not plain `node` (`npm start`
// may run a devDependency).
#include <algorithm>
#include <array>
#include <string>

#include <nlohmann/json.hpp>

#include "fix/context_change.h"
#include "fix/multi_stage.h"
#include "lint/rule_util.h"
#include "util/bounded_json.h"

namespace ballast::fix {
namespace {

bool is_true(const nlohmann::json& object, const char* key) {
  return object.is_object() && object.contains(key) && object[key].is_boolean() && object[key].get<bool>();
}

// Why package.json or its lock file lets the install write outside the app
// directory (or is unknown); "" when they show it does not.
std::string manifest_problem(const std::filesystem::path& context) {
  auto pkg_text = read_context_file(context / "package.json");
  if (!pkg_text) return "cannot read package.json in the context (--context)";
  nlohmann::json pkg = parse_bounded_json(*pkg_text, "package.json");
  if (!pkg.is_object()) return "package.json is not a JSON object";
  if (pkg.contains("scripts") && pkg["scripts"].is_object()) {
    for (const char* s : {"preinstall", "install", "postinstall", "prepare"}) {
      if (pkg["scripts"].contains(s)) {
        return std::string("package.json has a `") + s +
               "` script: what it writes outside the app directory would not reach the runtime stage";
      }
    }
  }
  if (pkg.contains("workspaces")) return "package.json has workspaces: ballast does not prune across them";

  std::string lock_name = "package-lock.json";
  auto lock_text = read_context_file(context / lock_name);
  if (!lock_text) {
    lock_name = "npm-shrinkwrap.json";
    lock_text = read_context_file(context / lock_name);
  }
  if (!lock_text) return "no package-lock.json in the context: which dependencies run install scripts is not known";
  nlohmann::json lock = parse_bounded_json(*lock_text, lock_name);
  if (!lock.is_object()) return lock_name + " is not a JSON object";
  if (!lock.contains("lockfileVersion") || !lock["lockfileVersion"].is_number_integer() ||
      lock["lockfileVersion"].get<int>() < 2 || !lock.contains("packages") || !lock["packages"].is_object()) {
    return lock_name + " is lockfileVersion 1, which does not record install scripts";
  }
  for (const auto& [path, entry] : lock["packages"].items()) {
    // A devDependency's script runs in the builder only, and prune removes what it made there.
    if (path.empty() || !is_true(entry, "hasInstallScript") || is_true(entry, "dev")) continue;
    return path + " has an install script, which may write outside the app directory (a download into ~/.cache)";
  }
  return "";
}

}  // namespace

std::string node_build_command_problem(const lint::Invocation& inv, std::string_view app_dir) {
  static constexpr std::array<std::string_view, 11> kBuilderOnly = {"npm", "npx", "node", "cp", "install", "mkdir",
                                                                    "cd", "rm", "mv", "true", "ls"};
  const std::string& p = inv.program;
  if (std::find(kBuilderOnly.begin(), kBuilderOnly.end(), p) == kBuilderOnly.end()) {
    return "runs `" + p + "`, which the runtime stage may need: ballast cannot tell";
  }
  if (p == "npm" && inv.has_any_flag({"-g", "--global"})) return "runs `npm " + std::string(inv.sub) + " -g`, which installs outside the app directory";
  if (p == "rm") return "";  // what is removed is absent from the runtime stage too
  for (std::string_view a : inv.args) {
    std::string_view value = a;
    if (a.starts_with('-')) {
      auto eq = a.find('=');
      if (eq == std::string_view::npos) continue;
      value = a.substr(eq + 1);
    }
    if (value.find('$') != std::string_view::npos) return "runs `" + p + "` with a variable: where it writes is not known";
    bool outside = value.starts_with('/') ? !lint::path_within(lint::normalise_path(value), app_dir)
                                          : value == ".." || value.starts_with("../") || value.find("/..") != std::string_view::npos;
    if (outside) {
      return "runs `" + p + "` on " + std::string(value) + ", outside the app directory " + std::string(app_dir) +
             ": what it writes there would not reach the runtime stage";
    }
  }
  return "";
}

NodeBuild find_node_build(Pass& pass, const dockerfile::Stage& stage, int install) {
  NodeBuild nb;
  const auto& input = pass.input();
  auto refused = [&](std::string why) {
    nb.refusal = std::move(why);
    return nb;
  };
  nb.app_dir = lint::normalise_path(input.workdir[install]);
  if (nb.app_dir.find('$') != std::string::npos) return refused("the app directory (WORKDIR) has a variable");
  if (nb.app_dir == "/") return refused("npm installs in / (no WORKDIR): there is no app directory to copy");
  for (int i : stage.instructions) {
    const auto& in = pass.inst(i);
    std::string line = std::to_string(in.start_line);
    if (in.keyword == "run" && input.runs[i]) {
      for (const auto& inv : input.runs[i]->invocations) {
        if (inv.program == "yarn" || inv.program == "pnpm") {
          return refused("line " + line + " runs " + inv.program + ": ballast prunes npm's installs only");
        }
        if (!lint::runs_node_tooling(inv)) continue;
        if (lint::normalise_path(input.workdir[i]) != nb.app_dir) {
          return refused("line " + line + " runs `" + inv.program + "` in " + input.workdir[i] +
                         ", not in the app directory " + nb.app_dir);
        }
        nb.last_build = std::max(nb.last_build, i);
      }
    }
    if (in.keyword == "cmd" || in.keyword == "entrypoint") {
      std::string first = command_program(in);
      if (!first.empty() && first != "node") {
        return refused(lint::to_lower(in.keyword_raw) + " starts `" + first +
                       "`, which may run a devDependency (npm start, npx): ballast cannot tell what it needs");
      }
    }
  }
  if (auto why = manifest_problem(pass.context_dir()); !why.empty()) return refused(why);
  return nb;
}

}  // namespace ballast::fix
