// BuildKit checks WorkdirRelativePath (BA4009: a relative WORKDIR before any
// absolute one in the image's stages), ExposeProtoCasing (BA4014) and
// ExposeInvalidFormat (BA4015: EXPOSE takes container ports only, an IP or
// host:container mapping belongs to `docker run -p`).
#include <cctype>
#include <string>

#include "lint/checks.h"
#include "lint/rule_util.h"
#include "lint/sink.h"

namespace ballast::lint {
namespace {

// `/x`, an unexpanded `$VAR` (its value is unknown), or a Windows drive path
// (`C:\`, `C:/`: such a Dockerfile targets Windows, where that is absolute).
bool absolute_dir(std::string_view dir) {
  if (dir.starts_with('"') || dir.starts_with('\'')) dir.remove_prefix(1);  // quotes the lexer could not take
  if (dir.starts_with('/') || dir.starts_with('$')) return true;
  return dir.size() >= 3 && std::isalpha(static_cast<unsigned char>(dir[0])) && dir[1] == ':' &&
         (dir[2] == '\\' || dir[2] == '/');
}

}  // namespace

void check_workdir(const LintInput& input, Sink& sink) {
  // Whether the chain up to the end of each stage set an absolute WORKDIR:
  // a stage starts from its parent's answer (parents come first), so each
  // instruction is looked at once, however long the FROM chain.
  std::vector<char> absolute_at_end(input.model.stages.size(), 0);
  for (const auto& stage : input.model.stages) {
    bool absolute_seen = stage.parent >= 0 && stage.parent < stage.index && absolute_at_end[stage.parent];
    for (int i : stage.instructions) {
      const auto& inst = input.inst(i);
      if (inst.keyword != "workdir" || inst.args.empty()) continue;
      std::string dir = input.expand(i, inst.args[0]);
      if (absolute_dir(dir)) {
        absolute_seen = true;
      } else if (!absolute_seen) {
        sink.report("BA4009", inst,
                    "Relative workdir \"" + inst.args[0] + "\" can have unexpected results if the base image changes",
                    "WORKDIR /" + dir);
      }
    }
    absolute_at_end[stage.index] = absolute_seen;
  }
}

void check_expose(const LintInput& input, Sink& sink) {
  for (std::size_t i = 0; i < input.parsed.instructions.size(); ++i) {
    const auto& inst = input.parsed.instructions[i];
    if (inst.keyword != "expose") continue;
    for (const auto& raw : inst.args) {
      std::string spec = input.expand(static_cast<int>(i), raw);
      auto slash = spec.find('/');
      std::string port = spec.substr(0, slash);
      if (slash != std::string::npos) {
        std::string proto = spec.substr(slash + 1);
        if (proto != to_lower(proto)) {
          sink.report("BA4014", inst, "Defined protocol '" + spec + "' in EXPOSE instruction should be lowercase",
                      "EXPOSE " + port + "/" + to_lower(proto));
        }
      }
      if (port.find(':') != std::string::npos) {
        sink.report("BA4015", inst,
                    "EXPOSE instruction should not define an IP address or host-port mapping, found '" + spec + "'",
                    "EXPOSE " + port.substr(port.rfind(':') + 1) + " and publish with docker run -p");
      }
    }
  }
}

}  // namespace ballast::lint
