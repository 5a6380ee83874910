// BA1006 (apk add without --no-cache) and BA1017 (yum/dnf/microdnf/zypper
// without a cache clean). Facts: apk keeps the index in /var/cache/apk unless
// --no-cache; yum/dnf keep metadata and packages in /var/cache/{yum,dnf}
// until `clean all`; zypper in /var/cache/zypp until `zypper clean`.
#include <string>

#include "lint/checks.h"
#include "lint/rule_util.h"
#include "lint/sink.h"

namespace ballast::lint {

void check_os_packages(const LintInput& input, Sink& sink) {
  for_each_run(input, true, [&](int index, const RunInfo& run) {
    const auto& inst = input.inst(index);
    bool apk_reported = false, rpm_reported = false;
    for (const auto& inv : run.invocations) {
      if (inv.program == "apk" && inv.sub == "add" && !apk_reported) {
        if (!inv.has_flag("--no-cache") && !run.removes("/var/cache/apk") && !run.cache_covers("/var/cache/apk") &&
            !run.cache_covers("/etc/apk/cache")) {
          sink.report("BA1006", inst, {}, "apk add --no-cache ...");
          apk_reported = true;
        }
      }
      bool rpm = (inv.program == "yum" || inv.program == "dnf" || inv.program == "microdnf" ||
                  inv.program == "zypper") &&
                 (inv.sub == "install" || inv.sub == "in" || inv.sub == "update" || inv.sub == "upgrade");
      if (!rpm || rpm_reported) continue;
      std::string cache = inv.program == "zypper" ? "/var/cache/zypp"
                          : inv.program == "yum"  ? "/var/cache/yum"
                                                  : "/var/cache/dnf";
      bool cleaned = run.removes(cache) || run.cache_covers(cache);
      for (const auto& other : run.invocations) {
        if (other.program != inv.program) continue;
        if (other.sub == "clean" || other.sub == "cc") cleaned = true;
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
