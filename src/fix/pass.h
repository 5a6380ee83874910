// One fixer run over the current text: its parse, lint findings and the rule
// inputs (RUN commands, stages, WORKDIRs), plus what the fixer proposes.
// Fixers (fixers_*.cc) only read a Pass and call propose()/withhold().
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/parser.h"
#include "dockerfile/shell_split.h"
#include "dockerfile/stages.h"
#include "fix/fix.h"
#include "fix/raw_words.h"
#include "fix/source_text.h"
#include "lint/invocation.h"
#include "lint/lint_input.h"

namespace ballast::fix {

struct Edit {
  std::size_t begin = 0;  // bytes [begin, end) of the current text are replaced
  std::size_t end = 0;
  std::string text;
};

struct Proposal {
  std::vector<std::string> ids;
  int line = 0;  // in the current text
  std::string description;
  std::vector<Edit> edits;
  bool buildkit = false;  // adds a BuildKit-only flag (a cache mount, COPY --chmod)
};

// A command of a RUN head with what lint sees in it.
struct RawInvocation {
  const RawCommand* command = nullptr;
  std::size_t first = 0;       // first word of the command proper (after RUN, flags, NAME=value)
  dockerfile::ShellCommand shell;
  lint::Invocation inv;        // views into `shell`
  // Index in command->words of the word `view` points into; -1 if none.
  int word_of(std::string_view view) const;
};

class Pass {
 public:
  Pass(std::string_view text, const FixOptions& options);

  std::string_view text() const { return text_; }
  const SourceText& source() const { return source_; }
  const dockerfile::ParsedDockerfile& parsed() const { return parsed_; }
  const lint::LintInput& input() const { return *input_; }
  const std::vector<model::Finding>& findings() const { return findings_; }
  const FixOptions& options() const { return options_; }
  // Whether --only/--except leave `rule` to be fixed.
  bool wants(std::string_view rule) const {
    return !options_.except.count(rule) && (options_.only.empty() || options_.only.count(rule));
  }
  const dockerfile::Instruction& inst(int index) const { return parsed_.instructions[index]; }
  int count() const { return static_cast<int>(parsed_.instructions.size()); }

  // Instruction indexes with a finding `id` on their first line, in order.
  std::vector<int> flagged(std::string_view id) const;
  // Findings `id` on instruction `index`.
  std::vector<const model::Finding*> findings_at(std::string_view id, int index) const;

  // The words of an instruction head; commands[0] starts with the keyword.
  const RawScan& scan(int index);
  // The commands of a shell-form RUN with their invocations (empty otherwise).
  const std::vector<std::unique_ptr<RawInvocation>>& invocations(int index);
  // Where to insert " --flag" after the keyword (after its existing flags: the
  // end of the keyword word, so new flags come first and existing ones stay put).
  std::size_t after_keyword(int index);
  // The user a RUN at `index` runs as ("" = root / not set).
  std::string user_at(int index) const;
  // The build context directory.
  std::filesystem::path context_dir() const;

  void propose(Proposal p) { proposals_.push_back(std::move(p)); }
  void withhold(std::string id, int index, std::string reason);
  std::vector<Proposal>& proposals() { return proposals_; }
  std::vector<Withheld>& withheld() { return withheld_; }  // lines in the current text

 private:
  std::string text_;
  const FixOptions& options_;
  SourceText source_;
  dockerfile::ParsedDockerfile parsed_;
  dockerfile::StageModel model_;
  std::unique_ptr<lint::LintInput> input_;
  std::vector<model::Finding> findings_;
  std::vector<std::optional<RawScan>> scans_;
  std::vector<std::optional<std::vector<std::unique_ptr<RawInvocation>>>> invocations_;
  std::vector<Proposal> proposals_;
  std::vector<Withheld> withheld_;
};

// Appends a shell command at the end of a shell-form RUN (`&& rm -rf ...`),
// in the layout of the RUN: inline for a one-line RUN, else a continuation
// line with the same indent and `&&` placement. nullopt (and `why` set) when
// the RUN cannot take one safely (exec form, heredoc, comment, trailing `;`).
std::optional<Edit> append_command(Pass& pass, int index, std::string_view command, std::string& why);

// The program a CMD/ENTRYPOINT starts: its first word ("" when it has none).
std::string command_program(const dockerfile::Instruction& in);

// " --mount=..." after the RUN keyword.
Edit add_run_flag(Pass& pass, int index, std::string_view flag);

using Fixer = void (*)(Pass& pass);
struct FixerInfo {
  std::string_view name;
  std::vector<std::string_view> ids;  // findings it may fix (for --only / --except)
  Fixer run;
};
const std::vector<FixerInfo>& fixers();

// The fixers (one file per family).
void fix_add_to_copy(Pass& pass);        // BA4021
void fix_apt_recommends(Pass& pass);     // BA1001
void fix_pip_cache(Pass& pass);          // BA1005
void fix_apk_cache(Pass& pass);          // BA1006
void fix_merge_runs(Pass& pass);         // BA2004 (and BA1009: a cleanup in the next RUN)
void fix_apt_lists(Pass& pass);          // BA1002 (BA2005 with cache mounts)
void fix_npm_cache(Pass& pass);          // BA1008
void fix_npm_omit_dev(Pass& pass);       // BA1018
void fix_recursive_chown(Pass& pass);    // BA1010
void fix_manifests_first(Pass& pass);    // BA2001
void fix_json_form(Pass& pass);          // BA4005
void fix_user(Pass& pass);               // BA3001, BA3002
void fix_syntax(Pass& pass);             // BA2003
void fix_multi_stage(Pass& pass);        // BA1011, BA1012 (--multi-stage)

}  // namespace ballast::fix
