// The syntax check Docker runs on every .dockerignore pattern before use:
// patternmatcher.New calls Go's filepath.Match(pattern, ".") only for its
// error, so a pattern is invalid exactly when filepath.Match would report
// ErrBadPattern ("syntax error in pattern"): an unclosed or empty `[...]`
// class, a class starting with `]` or `-`, a dangling range `[a-]`, a trailing
// backslash, or a byte that is not UTF-8 inside a class.
#pragma once

#include <string_view>

namespace ballast::context {

bool go_glob_syntax_ok(std::string_view pattern);

// Go's filepath.Match on Unix (what BuildKit uses to expand wildcard COPY/ADD
// sources): `*` and `?` never match '/', `[...]` classes, `\` escapes. A
// malformed pattern matches nothing.
bool go_filepath_match(std::string_view pattern, std::string_view name);

}  // namespace ballast::context
