// BA1001-BA1004: apt-get in RUN. Facts: `apt-get update` writes the package
// lists to /var/lib/apt/lists (tens of MB); recommended packages are installed
// unless --no-install-recommends or APT::Install-Recommends "false"; a cache
// or tmpfs mount over those paths keeps them out of the layer.
#include <string>

#include "lint/checks.h"
#include "lint/rule_util.h"
#include "lint/sink.h"

namespace ballast::lint {
namespace {

// aptitude writes the same lists (/var/lib/apt/lists) on `aptitude update`.
bool updates_lists(const Invocation& inv) {
  return (is_apt(inv) || inv.program == "aptitude") && inv.sub == "update";
}

bool recommends_off_in_args(const Invocation& inv) {
  for (std::string_view a : inv.args) {
    if (a.find("Install-Recommends=false") != std::string_view::npos ||
        a.find("Install-Recommends=0") != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

// An earlier RUN of the image wrote APT::Install-Recommends "false" to apt.conf.d.
bool recommends_off_by_config(const LintInput& input, int index) {
  int stage = input.stage_of[index];
  for (int i : input.chain_instructions(stage)) {
    if (i >= index) break;
    if (input.runs[i] && input.runs[i]->script.find("Install-Recommends") != std::string::npos) return true;
  }
  return false;
}

}  // namespace

void check_apt(const LintInput& input, Sink& sink) {
  int last_update = -1;  // index of the latest RUN with apt-get update, per walk order
  int last_update_stage = -1;
  for_each_run(input, false, [&](int index, const RunInfo& run) {
    const auto& inst = input.inst(index);
    bool update = false, install = false, missing_recommends = false;
    std::size_t last_update_cmd = 0;  // the lists must be removed after the last update
    for (std::size_t k = 0; k < run.invocations.size(); ++k) {
      const auto& inv = run.invocations[k];
      if (updates_lists(inv)) {
        update = true;
        last_update_cmd = k;
      }
      if (!is_apt(inv)) continue;
      if (inv.sub == "install") {
        install = true;
        if (!inv.has_flag("--no-install-recommends") && !recommends_off_in_args(inv)) missing_recommends = true;
      }
      if (inv.sub == "upgrade" || inv.sub == "dist-upgrade" || inv.sub == "full-upgrade") {
        sink.report("BA1004", inst, "apt-get " + std::string(inv.sub) + " in a Dockerfile",
                    "drop it and use a newer base image tag; upgrades add a second copy of every upgraded "
                    "package on top of the base layers");
      }
    }
    bool final = input.in_final(index);
    if (install && missing_recommends && final && !recommends_off_by_config(input, index)) {
      sink.report("BA1001", inst, {}, "apt-get install -y --no-install-recommends ...");
    }
    bool lists_covered = run.cache_covers("/var/lib/apt/lists");
    if (update && final && !lists_covered && !run.removes("/var/lib/apt/lists", last_update_cmd + 1)) {
      sink.report("BA1002", inst, {}, "end the RUN with `&& rm -rf /var/lib/apt/lists/*`, or use "
                                      "--mount=type=cache,target=/var/lib/apt");
    }
    int stage = input.stage_of[index];
    if (install && !update && !lists_covered) {
      bool earlier = last_update >= 0 && last_update_stage >= 0;
      if (earlier) {
        // Only an update of the same image chain counts.
        auto chain = input.chain_instructions(stage);
        earlier = false;
        for (int i : chain) {
          if (i == last_update) earlier = true;
        }
      }
      std::string message = earlier ? "apt-get install uses the package lists of the apt-get update at " +
                                           line_ref(input, last_update) +
                                           ": a cached layer installs stale versions"
                                     : "apt-get install without apt-get update in the same RUN";
      sink.report("BA1003", inst, message, "RUN apt-get update && apt-get install -y --no-install-recommends ...");
    }
    if (update) {
      last_update = index;
      last_update_stage = stage;
    }
  });
}

}  // namespace ballast::lint
