// BA1007 (npm install where npm ci fits), BA1008 (npm/yarn cache left in
// the layer) and BA1018 (devDependencies in the final image). Facts: `npm ci`
// installs exactly package-lock.json and fails on drift; npm keeps a tarball
// cache in ~/.npm/_cacache, yarn v1 in /usr/local/share/.cache/yarn (root),
// both until cleaned; npm installs devDependencies unless told `--omit=dev`
// (npm 7+; `--production` and `--only=prod` before it) or NODE_ENV=production;
// Yarn 1 likewise unless `yarn install --production` (Yarn 2+ has no such
// flag: `yarn workspaces focus --production`).
#include <string>

#include "lint/checks.h"
#include "lint/rule_util.h"
#include "lint/sink.h"

namespace ballast::lint {
namespace {

bool mount_ends_with(const RunInfo& run, std::string_view suffix) {
  for (const auto& m : run.mounts) {
    if ((m.type == "cache" || m.type == "tmpfs") && normalise_path(m.target).ends_with(suffix)) return true;
  }
  return false;
}

// The invocation leaves devDependencies out (install, ci, or a prune after them).
bool omits_dev(const Invocation& inv) {
  std::string_view only = inv.flag_value("--only");
  return inv.flag_value("--omit") == "dev" || inv.has_flag("--production") || only == "prod" ||
         only == "production";
}

bool production_env(const LintInput& input, int index) {
  const auto* env = input.env_at(index);
  const std::string* value = env ? env->get("NODE_ENV") : nullptr;
  return (value && *value == "production") || input.inst(index).original.find("NODE_ENV=production") != std::string::npos;
}

// An `npm prune --omit=dev` (or --production) in the same stage after
// instruction `index`'s k-th command.
bool pruned_later(const LintInput& input, int index, std::size_t k) {
  for (int i = index; i < static_cast<int>(input.runs.size()); ++i) {
    if (input.stage_of[i] != input.stage_of[index] || !input.runs[i]) continue;
    const auto& invocations = input.runs[i]->invocations;
    for (std::size_t j = i == index ? k + 1 : 0; j < invocations.size(); ++j) {
      if (invocations[j].is("npm", "prune") && omits_dev(invocations[j])) return true;
      // Yarn 1 prunes what a production install does not need.
      if (yarn_installs_manifest(invocations[j]) && yarn_omits_dev(invocations[j])) return true;
    }
  }
  return false;
}

void check_dev_dependencies(const LintInput& input, int index, const RunInfo& run, Sink& sink) {
  if (!input.context || input.context->node_dev_dependencies.empty() || !input.in_final(index)) return;
  if (production_env(input, index)) return;
  const auto& dev = input.context->node_dev_dependencies;
  for (std::size_t k = 0; k < run.invocations.size(); ++k) {
    const auto& inv = run.invocations[k];
    const bool npm = npm_installs_manifest(inv), yarn = yarn_installs_manifest(inv);
    if (!(npm && !omits_dev(inv)) && !(yarn && !yarn_omits_dev(inv))) continue;
    if (pruned_later(input, index, k)) continue;
    std::string names;
    for (std::size_t n = 0; n < dev.size() && n < 3; ++n) names += (n ? ", " : "") + dev[n];
    if (dev.size() > 3) names += ", ...";
    const std::string what = npm ? "npm " + std::string(inv.sub) : inv.sub.empty() ? "yarn" : "yarn install";
    const std::string fix =
        npm ? what + " --omit=dev, or build in a builder stage and copy node_modules after `npm prune --omit=dev`"
        : input.context->yarn_berry
            ? "yarn workspaces focus --all --production (Yarn 2+), or build in a builder stage and copy the production "
              "node_modules"
            : what + " --production, or build in a builder stage and copy node_modules after `yarn install --production`";
    sink.report("BA1018", input.inst(index),
                what + " installs " +
                    (dev.size() == 1 ? std::string("the devDependency") : std::to_string(dev.size()) + " devDependencies") +
                    " of package.json (" + names + ") into the final image",
                fix);
    return;
  }
}

}  // namespace

void check_node(const LintInput& input, Sink& sink) {
  for_each_run(input, false, [&](int index, const RunInfo& run) {
    const auto& inst = input.inst(index);
    bool final = input.in_final(index);
    check_dev_dependencies(input, index, run, sink);
    bool npm_install = false, yarn_install = false;
    std::size_t npm_at = 0, yarn_at = 0;  // a clean counts only after the (last) install
    for (std::size_t k = 0; k < run.invocations.size(); ++k) {
      const auto& inv = run.invocations[k];
      if (inv.program == "npm" && (inv.sub == "install" || inv.sub == "i") && inv.operands.empty() &&
          !inv.has_any_flag({"-g", "--global"})) {
        sink.report("BA1007", inst, {}, "npm ci (installs package-lock.json exactly, faster, fails on drift)");
        npm_install = true;
        npm_at = k;
      }
      if (inv.program == "npm" && inv.sub == "ci") {
        npm_install = true;
        npm_at = k;
      }
      if (inv.program == "yarn" && (inv.sub.empty() || inv.sub == "install" || inv.sub == "add")) {
        yarn_install = true;
        yarn_at = k;
      }
    }
    if (!final) return;
    if (npm_install) {
      bool cleaned = mount_ends_with(run, "/.npm") || run.removes("/root/.npm", npm_at + 1);
      for (std::size_t k = npm_at + 1; k < run.invocations.size(); ++k) {
        const auto& inv = run.invocations[k];
        if (inv.program == "npm" && inv.sub == "cache" && !inv.operands.empty() && inv.operands[0] == "clean") {
          cleaned = true;
        }
      }
      if (!cleaned) {
        sink.report("BA1008", inst, "npm cache is not cleaned in the RUN that fills it",
                    "`&& npm cache clean --force`, or RUN --mount=type=cache,target=/root/.npm");
      }
    }
    if (yarn_install) {
      bool cleaned =
          mount_ends_with(run, "/.cache/yarn") || run.removes("/usr/local/share/.cache/yarn", yarn_at + 1);
      for (std::size_t k = yarn_at + 1; k < run.invocations.size(); ++k) {
        const auto& inv = run.invocations[k];
        if (inv.program == "yarn" && inv.sub == "cache") cleaned = true;
      }
      if (!cleaned) {
        sink.report("BA1008", inst, "yarn cache is not cleaned in the RUN that fills it",
                    "`&& yarn cache clean`, or RUN --mount=type=cache,target=/usr/local/share/.cache/yarn");
      }
    }
  });
}

}  // namespace ballast::lint
