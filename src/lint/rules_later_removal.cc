// BA1009: deleting in a later RUN does not shrink the image. Each RUN is a
// layer; a deletion is a whiteout in a new layer while the bytes stay in the
// layer that wrote them. We know who wrote a path when an earlier instruction
// of the same image names it (COPY/ADD destination, a path argument of a RUN)
// or when it is a package manager's well-known cache; packages removed with
// apt-get purge/apk del/pip uninstall after an earlier RUN installed them too.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lint/checks.h"
#include "lint/rule_util.h"
#include "lint/sink.h"

namespace ballast::lint {
namespace {

// Paths an invocation is known to fill.
std::vector<std::string> known_outputs(const Invocation& inv) {
  std::vector<std::string> out;
  if ((inv.program == "apt-get" || inv.program == "apt") && inv.sub == "update") out.push_back("/var/lib/apt/lists");
  if ((inv.program == "apt-get" || inv.program == "apt") && inv.sub == "install") out.push_back("/var/cache/apt");
  if (inv.program == "pip" && inv.sub == "install") out.push_back("/root/.cache/pip");
  if (inv.program == "npm" && (inv.sub == "install" || inv.sub == "ci" || inv.sub == "i")) out.push_back("/root/.npm");
  if (inv.program == "apk" && inv.sub == "add") out.push_back("/var/cache/apk");
  if ((inv.program == "yum" || inv.program == "dnf") && inv.sub == "install") {
    out.push_back("/var/cache/" + inv.program);
  }
  return out;
}

// Removed paths of one RUN: (path as written, resolved prefix before any glob).
std::vector<std::pair<std::string, std::string>> removed_paths(const LintInput& input, int index,
                                                               const RunInfo& run) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& inv : run.invocations) {
    if (inv.program != "rm") continue;
    for (std::string_view a : inv.args) {
      if (a.starts_with('-') || a.find('$') != std::string_view::npos) continue;
      std::string_view clean = a;
      auto glob = clean.find_first_of("*?[");
      if (glob != std::string_view::npos) clean = clean.substr(0, glob);
      if (clean.empty()) continue;
      std::string resolved = input.resolve(index, clean);
      if (resolved == "/" || (resolved == "/tmp" && glob == std::string_view::npos)) continue;
      out.emplace_back(std::string(a), resolved);
    }
  }
  return out;
}

bool is_package_removal(const Invocation& inv) {
  if (inv.program == "apt-get" || inv.program == "apt") {
    return inv.sub == "purge" || inv.sub == "remove" || inv.sub == "autoremove";
  }
  if (inv.program == "apk") return inv.sub == "del";
  if (inv.program == "pip") return inv.sub == "uninstall";
  if (inv.program == "yum" || inv.program == "dnf") return inv.sub == "remove" || inv.sub == "erase";
  return false;
}

bool is_package_install(const Invocation& inv, std::string_view removal_program) {
  if (inv.program != removal_program) return false;
  return inv.sub == "install" || inv.sub == "add";
}

}  // namespace

void check_later_removal(const LintInput& input, Sink& sink) {
  for_each_run(input, true, [&](int index, const RunInfo& run) {
    const auto& inst = input.inst(index);
    std::vector<int> chain;  // only when something is removed (RUN true must stay O(1))
    for (const auto& [written, path] : removed_paths(input, index, run)) {
      if (chain.empty()) chain = input.chain_instructions(input.stage_of[index]);
      std::optional<int> producer;
      for (int i : chain) {
        if (i >= index) break;
        const auto& earlier = input.inst(i);
        if ((earlier.keyword == "copy" || earlier.keyword == "add") && earlier.heredocs.empty()) {
          std::string dest = input.resolve(i, input.copy_destination(i));
          if (path_within(dest, path) || path_within(path, dest)) producer = i;
        } else if (input.runs[i]) {
          const RunInfo& prev = *input.runs[i];
          if (prev.removes(path) || prev.cache_covers(path)) continue;  // already gone there
          for (const auto& inv : prev.invocations) {
            for (const auto& out : known_outputs(inv)) {
              if (path_within(out, path) || path_within(path, out)) producer = i;
            }
            if (inv.program == "rm") continue;
            for (std::string_view a : inv.args) {
              if (!a.starts_with('/') && !a.starts_with("./")) continue;
              std::string p = input.resolve(i, a.substr(0, a.find_first_of("*?[")));
              if (p != "/" && path_within(p, path)) producer = i;
            }
          }
        }
      }
      if (producer) {
        sink.report("BA1009", inst,
                    "rm " + written + " in a later RUN than the one that created it (" + line_ref(input, *producer) +
                        "): the bytes stay in that layer",
                    "delete it in the same RUN that creates it (or build it in another stage)");
      }
    }
    for (const auto& inv : run.invocations) {
      if (!is_package_removal(inv)) continue;
      if (chain.empty()) chain = input.chain_instructions(input.stage_of[index]);
      std::string installer = inv.program == "apt" ? "apt-get" : inv.program;
      for (int i : chain) {
        if (i >= index || !input.runs[i]) continue;
        bool installs = false;
        for (const auto& prev : input.runs[i]->invocations) {
          if (is_package_install(prev, installer) || is_package_install(prev, inv.program)) installs = true;
        }
        if (!installs) continue;
        bool overlap = inv.sub == "autoremove";
        for (std::string_view pkg : inv.operands) {
          for (const auto& prev : input.runs[i]->invocations) {
            for (std::string_view p : prev.operands) overlap = overlap || p == pkg;
          }
        }
        if (overlap) {
          sink.report("BA1009", inst,
                      inv.program + " " + std::string(inv.sub) + " of packages installed by an earlier RUN (" +
                          line_ref(input, i) + "): their files stay in that layer",
                      "install, use and remove build dependencies in one RUN, or use a builder stage");
          break;
        }
      }
    }
  });
}

}  // namespace ballast::lint
