// BA1010: `RUN chown -R`/`chmod -R` over files an earlier COPY/ADD put in the
// image rewrites every one of them into a new layer (metadata changes copy the
// whole file up), doubling their bytes. COPY --chown/--chmod sets them at once.
#include <string>

#include "lint/checks.h"
#include "lint/rule_util.h"
#include "lint/sink.h"

namespace ballast::lint {

void check_recursive_chown(const LintInput& input, Sink& sink) {
  for_each_run(input, true, [&](int index, const RunInfo& run) {
    const auto& inst = input.inst(index);
    std::vector<int> chain;  // only for a RUN that has a recursive chown (RUN true must stay O(1))
    for (const auto& inv : run.invocations) {
      if (inv.program != "chown" && inv.program != "chmod" && inv.program != "chgrp") continue;
      if (!inv.has_any_flag({"-R", "--recursive"})) continue;
      if (chain.empty()) chain = input.chain_instructions(input.stage_of[index]);
      // Operands: sub is the owner/mode, the rest are paths.
      bool reported = false;
      for (std::string_view target : inv.operands) {
        if (reported || target.find('$') != std::string_view::npos) continue;
        std::string path = input.resolve(index, target);
        for (int i : chain) {
          if (i >= index) break;
          const auto& earlier = input.inst(i);
          if (earlier.keyword != "copy" && earlier.keyword != "add") continue;
          std::string dest = input.resolve(i, input.copy_destination(i));
          if (path_within(dest, path) || path_within(path, dest)) {
            std::string flag = inv.program == "chmod" ? "--chmod=" : "--chown=";
            sink.report("BA1010", inst,
                        inv.program + " -R " + std::string(target) + " rewrites the files copied at " +
                            line_ref(input, i) + " into a second layer",
                        "COPY " + flag + std::string(inv.sub) + " ... instead of the RUN");
            reported = true;
            break;
          }
        }
      }
    }
  });
}

}  // namespace ballast::lint
