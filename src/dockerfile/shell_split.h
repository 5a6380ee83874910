// The one POSIX shell splitter for RUN/CMD/ENTRYPOINT shell text (lint's
// shell-aware rules and deps' command scan both read it): it cuts a script into the
// simple commands of its `&&`, `||`, `;`, `|`, `&` and newline chains and each
// command into words (quotes removed, `\`-newline joined, `$(...)`, `${...}`
// and backquotes kept verbatim inside a word, redirections dropped, here-doc
// bodies skipped), so each command can be looked at on its own.
// It is not a shell: no expansion, no aliases, no functions, no `case` arms;
// docs/lint.md lists the limits.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ballast::dockerfile {

struct ShellCommand {
  std::vector<std::string> words;        // the command and its arguments, quotes removed
  std::vector<std::string> assignments;  // leading NAME=value words (DEBIAN_FRONTEND=...)
  std::string separator;                 // what ends it: "&&" "||" ";" "|" "&" "\n" or "" at the end
  int line = 0;                          // 0-based line of the script where it starts
};

std::vector<ShellCommand> split_shell(std::string_view script);

// The program a command runs once wrappers are skipped (`sudo -u x`, `env A=b`,
// `nice -n 5`, `nohup`, `exec`, `command`, `time`): its word index, or
// words.size() when there is none.
std::size_t program_index(const ShellCommand& command);

}  // namespace ballast::dockerfile
