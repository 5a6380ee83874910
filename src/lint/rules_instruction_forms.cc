// BuildKit checks about single instructions and their casing:
// JSONArgsRecommended (BA4005: shell-form CMD/ENTRYPOINT, unless the stage set
// a SHELL), MaintainerDeprecated (BA4006), MultipleInstructionsDisallowed
// (BA4010: reported on every CMD/ENTRYPOINT/HEALTHCHECK but the last of a
// stage), LegacyKeyValueFormat (BA4011: `ENV k v`, `LABEL k v`),
// NoEmptyContinuation (BA4016, found by the parser), ConsistentInstructionCasing
// (BA4017: keywords not in the majority case; a tie counts as upper case) and
// the HEALTHCHECK-missing info (BA4020, off by default).
#include <map>
#include <string>

#include "lint/checks.h"
#include "lint/rule_util.h"
#include "lint/sink.h"

namespace ballast::lint {
namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

void check_casing(const LintInput& input, Sink& sink) {
  int lower = 0, upper_count = 0;
  for (const auto& inst : input.parsed.instructions) {
    const std::string& kw = inst.keyword_raw;
    if (kw == to_lower(kw)) {
      ++lower;
    } else if (kw == upper(kw)) {
      ++upper_count;
    }
  }
  bool majority_lower = lower > upper_count;
  for (const auto& inst : input.parsed.instructions) {
    const std::string& kw = inst.keyword_raw;
    std::string casing;
    if (majority_lower && kw != to_lower(kw)) casing = "lowercase";
    if (!majority_lower && kw != upper(kw)) casing = "uppercase";
    if (!casing.empty()) {
      sink.report("BA4017", inst, "Command '" + kw + "' should match the case of the command majority (" + casing + ")",
                  casing == "lowercase" ? to_lower(kw) : upper(kw));
    }
  }
}

}  // namespace

void check_instruction_forms(const LintInput& input, Sink& sink) {
  check_casing(input, sink);
  for (const auto& w : input.parsed.warnings) {
    if (w.kind != "NoEmptyContinuation") continue;
    for (const auto& inst : input.parsed.instructions) {
      if (inst.start_line == w.start_line) {
        sink.report("BA4016", inst, "Empty continuation line", "remove the empty line (or end it with the escape)");
        break;
      }
    }
  }
  for (std::size_t i = 0; i < input.parsed.instructions.size(); ++i) {
    const auto& inst = input.parsed.instructions[i];
    if (inst.keyword == "maintainer") {
      sink.report("BA4006", inst, "Maintainer instruction is deprecated in favor of using label",
                  "LABEL org.opencontainers.image.authors=\"...\"");
    }
    if (inst.keyword == "env" || inst.keyword == "label") {
      for (const auto& kv : dockerfile::key_values(inst)) {
        if (!kv.legacy) continue;
        std::string name = upper(inst.keyword);
        sink.report("BA4011", inst,
                    "\"" + name + " key=value\" should be used instead of legacy \"" + name + " key value\" format",
                    name + " " + kv.key + "=" + kv.value.value_or(""));
        break;
      }
    }
  }
  // A SHELL anywhere up the FROM chain counts; each stage starts from its
  // parent's answer (parents come first), so this is linear in instructions.
  std::vector<char> shell_at_end(input.model.stages.size(), 0);
  for (const auto& stage : input.model.stages) {
    std::map<std::string, int> last;
    bool shell_set = stage.parent >= 0 && stage.parent < stage.index && shell_at_end[stage.parent];
    for (int i : stage.instructions) {
      const auto& inst = input.inst(i);
      if (inst.keyword == "shell") shell_set = true;
      if ((inst.keyword == "cmd" || inst.keyword == "entrypoint") && !inst.json_form && !shell_set) {
        std::string name = upper(inst.keyword);
        sink.report("BA4005", inst,
                    "JSON arguments recommended for " + name + " to prevent unintended behavior related to OS signals",
                    name + " [\"executable\", \"arg\"]");
      }
      if (inst.keyword == "cmd" || inst.keyword == "entrypoint" || inst.keyword == "healthcheck") {
        if (auto it = last.find(inst.keyword); it != last.end()) {
          std::string name = upper(inst.keyword);
          sink.report("BA4010", input.inst(it->second),
                      "Multiple " + name +
                          " instructions should not be used in the same stage because only the last one will be used",
                      "keep only the " + name + " at line " + std::to_string(inst.start_line));
        }
        last[inst.keyword] = i;
      }
    }
    shell_at_end[stage.index] = shell_set;
  }
  auto chain = input.final_chain();
  if (chain.empty()) return;
  bool healthcheck = false;
  for (int i : input.chain_instructions(chain.back())) healthcheck = healthcheck || input.inst(i).keyword == "healthcheck";
  const auto& target = input.model.stages[chain.back()];
  if (!healthcheck && target.from_instruction >= 0) {
    sink.report("BA4020", input.inst(target.from_instruction), {}, "HEALTHCHECK CMD curl -f http://localhost/ || exit 1");
  }
}

}  // namespace ballast::lint
