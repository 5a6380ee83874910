// BA4018: COPY --from / RUN --mount=from= naming no stage of this Dockerfile
// (a bare word BuildKit will pull as docker.io/library/<word>:latest, a stage
// index not defined before, a stage defined later, or the stage itself:
// hadolint DL3022/DL3023).
// BA4019: COPY --from a stage whose whole file system is knowable (built FROM
// scratch with COPY/ADD only) of a path that stage never creates.
#include <optional>
#include <string>
#include <vector>

#include "lint/checks.h"
#include "lint/rule_util.h"
#include "lint/sink.h"

namespace ballast::lint {
namespace {

bool bare_word(std::string_view ref) { return ref.find_first_of("/:@.$") == std::string_view::npos; }

// The paths a scratch-based stage holds, or nullopt when it is not knowable.
std::optional<std::vector<std::string>> known_paths(const LintInput& input, int stage) {
  if (!input.model.stages[input.root_stage[stage]].scratch) return std::nullopt;
  std::vector<std::string> paths;
  for (int i : input.chain_instructions(stage)) {
    const auto& inst = input.inst(i);
    if (inst.keyword == "run") return std::nullopt;
    if (inst.keyword == "copy" || inst.keyword == "add") {
      paths.push_back(input.resolve(i, input.copy_destination(i)));
    }
    if (inst.keyword == "workdir") paths.push_back(input.workdir[i]);
  }
  return paths;
}

}  // namespace

void check_copy_from(const LintInput& input, Sink& sink) {
  for (const auto& stage : input.model.stages) {
    for (const auto& ref : stage.refs) {
      if (ref.instruction < 0) continue;
      const auto& inst = input.inst(ref.instruction);
      std::string what = ref.kind == dockerfile::StageRef::Kind::kCopyFrom ? "COPY --from=" : "RUN --mount=from=";
      if (ref.index_error) {
        sink.report("BA4018", inst, what + ref.ref + " refers to a stage index not defined before this one",
                    "use the name of an earlier stage");
        continue;
      }
      if (ref.stage == stage.index) {
        sink.report("BA4018", inst, what + ref.ref + " refers to its own stage", "copy from an earlier stage");
        continue;
      }
      if (ref.stage > stage.index) {
        // BuildKit >= 0.13 (moby/buildkit#4568): "cannot copy from stage ..., it needs
        // to be defined before current stage"; older versions copied nothing or failed.
        sink.report("BA4018", inst, what + ref.ref + " refers to a stage defined after this one: BuildKit fails",
                    "move the stage " + ref.ref + " above this one");
        continue;
      }
      if (ref.stage < 0 && bare_word(ref.ref)) {
        sink.report("BA4018", inst,
                    what + ref.ref + " is not a stage of this Dockerfile: BuildKit pulls the image " + ref.ref +
                        ":latest",
                    "name an earlier stage (FROM ... AS " + ref.ref + ") or a full image reference with a tag");
        continue;
      }
      if (ref.stage < 0 || ref.kind != dockerfile::StageRef::Kind::kCopyFrom) continue;
      auto paths = known_paths(input, ref.stage);
      if (!paths) continue;
      for (const auto& src : input.copy_sources(ref.instruction)) {
        if (src.find_first_of("*?[$") != std::string::npos) continue;
        std::string p = normalise_path(src.starts_with('/') ? src : "/" + src);
        bool exists = p == "/";
        for (const auto& known : *paths) exists = exists || path_within(p, known) || path_within(known, p);
        if (!exists) {
          sink.report("BA4019", inst,
                      "COPY --from=" + ref.ref + " " + src + ": stage " + ref.ref +
                          " is built FROM scratch and never creates " + p,
                      "copy a path the stage creates");
        }
      }
    }
  }
}

}  // namespace ballast::lint
