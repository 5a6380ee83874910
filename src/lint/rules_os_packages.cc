// BA1006 (apk add without --no-cache) and BA1017 (yum/dnf/microdnf/zypper
// without a cache clean). Facts: apk keeps the index in /var/cache/apk unless
// --no-cache; yum/dnf keep metadata and packages in /var/cache/{yum,dnf}
// until `clean all`; zypper in /var/cache/zypp until `zypper clean`.
// A clean (or rm of the cache) only counts after the command that fills it.
#include <algorithm>
#include <array>
#include <string>

#include "lint/checks.h"
#include "lint/rule_util.h"
#include "lint/sink.h"

namespace ballast::lint {
namespace {

// The subcommands that download packages into the cache (dnf's aliases
// included: `in`, `up`, `up-min`, `rei`).
bool rpm_fills_cache(const Invocation& inv) {
  static constexpr std::array<std::string_view, 13> kDnf = {
      "install", "in", "update", "upgrade", "up", "upgrade-minimal", "up-min", "update-minimal",
      "reinstall", "rei", "downgrade", "distro-sync", "groupinstall"};
  static constexpr std::array<std::string_view, 7> kZypper = {"install", "in", "update", "up",
                                                              "dist-upgrade", "dup", "patch"};
  if (inv.program == "zypper") return std::find(kZypper.begin(), kZypper.end(), inv.sub) != kZypper.end();
  if (inv.program == "yum" || inv.program == "dnf" || inv.program == "microdnf") {
    return std::find(kDnf.begin(), kDnf.end(), inv.sub) != kDnf.end();
  }
  return false;
}

// Where each keeps its cache: yum and microdnf (libdnf) /var/cache/yum, dnf 4
// /var/cache/dnf, dnf 5 /var/cache/libdnf5; `yum` is dnf on RHEL 8+, so any
// of the three counts for all of them.
std::array<std::string_view, 3> rpm_caches(std::string_view program) {
  if (program == "zypper") return {"/var/cache/zypp", "/var/cache/zypp", "/var/cache/zypp"};
  return {"/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5"};
}

}  // namespace

void check_os_packages(const LintInput& input, Sink& sink) {
  for_each_run(input, true, [&](int index, const RunInfo& run) {
    const auto& inst = input.inst(index);
    bool apk_reported = false, rpm_reported = false;
    for (std::size_t k = 0; k < run.invocations.size(); ++k) {
      const auto& inv = run.invocations[k];
      if (inv.program == "apk" && inv.sub == "add" && !apk_reported) {
        if (!inv.has_flag("--no-cache") && !run.removes("/var/cache/apk", k + 1) &&
            !run.cache_covers("/var/cache/apk") && !run.cache_covers("/etc/apk/cache")) {
          sink.report("BA1006", inst, {}, "apk add --no-cache ...");
          apk_reported = true;
        }
      }
      if (!rpm_fills_cache(inv) || rpm_reported) continue;
      bool cleaned = false;
      for (std::string_view cache : rpm_caches(inv.program)) {
        cleaned = cleaned || run.removes(cache, k + 1) || run.cache_covers(cache);
      }
      for (std::size_t j = k + 1; j < run.invocations.size(); ++j) {
        const auto& other = run.invocations[j];
        if (other.program == inv.program && (other.sub == "clean" || other.sub == "cc")) cleaned = true;
      }
      if (!cleaned) {
        std::string clean = inv.program == "zypper" ? "zypper clean -a" : inv.program + " clean all";
        sink.report("BA1017", inst, inv.program + " " + std::string(inv.sub) + " without `" + clean + "` in the same RUN",
                    "end the RUN with `&& " + clean + "`");
        rpm_reported = true;
      }
    }
  });
}

}  // namespace ballast::lint
