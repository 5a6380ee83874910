// Finding heredoc markers on an instruction line the way BuildKit does
// (parser.go heredocsFromLine / ParseHeredoc): the line is split into words by
// the shell lexer keeping quotes and escapes, and each word matching
// `^(\d*)<<(-?)([^<]*)$` names a heredoc. A marker with any quoted part
// (`<<"EOF"`, `<<'EOF'`, `<<E"OF"`) turns expansion of the body off.
#pragma once

#include <string_view>
#include <vector>

#include "dockerfile/instruction.h"

namespace ballast::dockerfile::detail {

// Heredocs named on `line` (name, expand, chomp, fd filled; no content).
// Throws ShellError when a marker word cannot be lexed.
std::vector<Heredoc> heredocs_from_line(std::string_view line);

}  // namespace ballast::dockerfile::detail
