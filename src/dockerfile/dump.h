// The parse printed as BuildKit's parser tests print it (Node.Dump, the
// testfiles/*/result format): one `(keyword ["flags"...] "arg"...)` line per
// instruction, strings quoted like Go's strconv.Quote. Used by
// `ballast dockerfile dump` and the conformance tests.
#pragma once

#include <string>
#include <string_view>

#include "dockerfile/parser.h"

namespace ballast::dockerfile {

// Every instruction, one per line, each line ending in '\n'.
std::string dump(const ParsedDockerfile& parsed);

// One instruction, without parentheses' trailing newline: `(run "echo hi")`.
std::string dump_instruction(const Instruction& inst);


}  // namespace ballast::dockerfile
