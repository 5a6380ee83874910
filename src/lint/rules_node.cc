// BA1007 (npm install where npm ci fits) and BA1008 (npm/yarn cache left in
// the layer). Facts: `npm ci` installs exactly package-lock.json and fails on
// drift; npm keeps a tarball cache in ~/.npm/_cacache, yarn v1 in
// /usr/local/share/.cache/yarn (root), both until cleaned.
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

}  // namespace

void check_node(const LintInput& input, Sink& sink) {
  for_each_run(input, false, [&](int index, const RunInfo& run) {
    const auto& inst = input.inst(index);
    bool final = input.in_final(index);
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
