// Small helpers the rule families share: case folding, package-name matching
// and the usual loops over RUN instructions.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "lint/lint_input.h"

namespace ballast::lint {

std::string to_lower(std::string_view s);
std::string join(const std::vector<std::string>& items, std::string_view sep);
// "numpy==1.2", "torch>=2; python_version>'3'", "uvicorn[standard]" -> the name, lower-cased.
std::string requirement_name(std::string_view spec);
// fnmatch-style `*` and `?` only.
bool glob_match(std::string_view pattern, std::string_view text);
std::string_view basename_of(std::string_view path);

// Calls fn(index, run) for every RUN instruction (ONBUILD triggers excluded),
// only those of the final image when `final_only`.
void for_each_run(const LintInput& input, bool final_only,
                  const std::function<void(int index, const RunInfo& run)>& fn);

// A fix that is a whole Dockerfile line: the instruction as written (its
// logical line, continuations joined) with the blank-separated word `index`
// (0: the keyword; negative: from the end, -1 the last) replaced by `word`,
// so flags and the other words stay as they were.
std::string with_word(const dockerfile::Instruction& inst, int index, std::string_view word);
// ... with the first word equal to `old_word` after the keyword replaced.
std::string with_word_replaced(const dockerfile::Instruction& inst, std::string_view old_word, std::string_view word);
// BuildKit's SecretsUsedInArgOrEnv test of a variable name (BA3003; also
// Compose's `environment:`, BA6004).
bool is_secret_key(std::string_view key);

// "line N" for messages.
std::string line_ref(const LintInput& input, int index);

}  // namespace ballast::lint
