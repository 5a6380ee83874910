// BA2003 (BuildKit-only syntax without `# syntax`), BA2004 (consecutive RUNs
// that could merge) and BA2005 (package downloads without a cache mount).
// Without a `# syntax=docker/dockerfile:1` line the Dockerfile frontend built
// into the daemon decides which features parse; pinning it makes heredocs,
// RUN --mount and COPY --link/--parents/--exclude work everywhere.
#include <optional>
#include <string>

#include "lint/checks.h"
#include "lint/rule_util.h"
#include "lint/sink.h"

namespace ballast::lint {
namespace {

// The first BuildKit-only feature of an instruction, "" if none.
std::string buildkit_feature(const dockerfile::Instruction& inst) {
  if (!inst.heredocs.empty()) return "heredocs";
  if (inst.keyword == "run") {
    for (std::string_view flag : {"mount", "network", "security"}) {
      if (dockerfile::flag_value(inst, flag)) return "RUN --" + std::string(flag);
    }
  }
  if (inst.keyword == "copy" || inst.keyword == "add") {
    for (std::string_view flag : {"link", "parents", "exclude", "chmod", "checksum", "keep-git-dir"}) {
      if (dockerfile::flag_value(inst, flag)) return to_lower(inst.keyword) == "copy" ? "COPY --" + std::string(flag)
                                                                                    : "ADD --" + std::string(flag);
    }
  }
  return {};
}

struct CacheNeed {
  std::string_view tool;
  std::string_view target;
};

// The cache directory a package download would reuse, for commands that have one.
std::optional<CacheNeed> cache_need(const Invocation& inv) {
  if ((inv.program == "apt-get" || inv.program == "apt") && inv.sub == "install") {
    return CacheNeed{"apt-get install", "/var/cache/apt"};
  }
  if (inv.program == "pip" && inv.sub == "install") return CacheNeed{"pip install", "/root/.cache/pip"};
  if (inv.program == "uv" && (inv.sub == "pip" || inv.sub == "sync")) return CacheNeed{"uv", "/root/.cache/uv"};
  if (inv.program == "npm" && (inv.sub == "ci" || inv.sub == "install" || inv.sub == "i")) {
    return CacheNeed{"npm", "/root/.npm"};
  }
  if (inv.program == "go" && (inv.sub == "build" || (inv.sub == "mod" && !inv.operands.empty()))) {
    return CacheNeed{"go", "/root/go/pkg/mod"};
  }
  return std::nullopt;
}

}  // namespace

void check_syntax_directive(const LintInput& input, Sink& sink) {
  if (input.parsed.directive("syntax")) return;
  for (const auto& inst : input.parsed.instructions) {
    std::string feature = buildkit_feature(dockerfile::effective(inst));
    if (feature.empty()) continue;
    sink.report("BA2003", inst, "uses " + feature + " without a # syntax directive",
                "add `# syntax=docker/dockerfile:1` as the first line");
    return;
  }
}

void check_run_merge(const LintInput& input, Sink& sink) {
  for (std::size_t i = 1; i < input.parsed.instructions.size(); ++i) {
    if (!input.runs[i] || !input.runs[i - 1]) continue;
    if (input.stage_of[i] != input.stage_of[i - 1] || input.stage_of[i] < 0) continue;
    const auto& prev = input.parsed.instructions[i - 1];
    const auto& cur = input.parsed.instructions[i];
    if (prev.flags != cur.flags) continue;  // different mounts/network: not a plain merge
    // A RUN that already chains commands is a deliberate group (hadolint DL3059
    // agrees): merging groups trades cache reuse for a layer, not a clear win.
    if (input.runs[i]->commands.size() > 1 || input.runs[i - 1]->commands.size() > 1) continue;
    sink.report("BA2004", cur, "RUN at line " + std::to_string(cur.start_line) + " follows the RUN at " +
                                   line_ref(input, static_cast<int>(i - 1)) + ": they could be one layer",
                "join them with && (one layer, one cache step)");
  }
}

void check_cache_mounts(const LintInput& input, Sink& sink) {
  for_each_run(input, false, [&](int index, const RunInfo& run) {
    for (const auto& inv : run.invocations) {
      auto need = cache_need(inv);
      if (!need) continue;
      bool covered = false;
      for (const auto& m : run.mounts) {
        if (m.type != "cache") continue;
        std::string target = normalise_path(m.target);
        std::string_view want = need->target;
        if (path_within(std::string(want), target) || basename_of(target) == basename_of(want)) covered = true;
      }
      if (!covered) {
        sink.report("BA2005", input.inst(index),
                    std::string(need->tool) + " downloads again on every rebuild: no cache mount",
                    "RUN --mount=type=cache,target=" + std::string(need->target) + " ...");
      }
      return;
    }
  });
}

}  // namespace ballast::lint
