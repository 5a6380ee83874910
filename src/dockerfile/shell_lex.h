// BuildKit's shell lexer (frontend/dockerfile/shell/lex.go): the variable
// expansion and word splitting Dockerfile instructions get at build time.
// Supports $v ${v} ${v:-w} ${v-w} ${v:+w} ${v+w} ${v:?m} ${v?m} ${v#p} ${v##p}
// ${v%p} ${v%%p} ${v/p/r} ${v//p/r}, single and double quotes and the escape
// character, exactly as BuildKit does (it is not a POSIX shell: no command
// substitution, no arithmetic, no tilde or glob expansion).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/env.h"
#include "util/error.h"

namespace ballast::dockerfile {

// An expansion BuildKit refuses: unterminated quote or ${, bad substitution,
// ${v:?message}, unsupported modifier. what() is BuildKit's message, e.g.
// `failed to process "${X:?}": X: is not allowed to be unset`.
class ShellError : public ballast::InputError {
 public:
  using ballast::InputError::InputError;
};

struct LexOptions {
  char escape = '\\';          // the Dockerfile's escape character
  bool skip_unset = false;     // leave references to unset variables as written
  bool raw_quotes = false;     // keep the quote characters in the result
  bool raw_escapes = false;    // keep the escape characters in the result
  bool skip_quotes = false;    // quotes are ordinary characters
};

struct Expansion {
  std::string word;                     // ProcessWord: the expanded text
  std::vector<std::string> words;       // ProcessWords: split on unquoted blanks
  std::vector<std::string> matched;     // variables referenced and set (first-use order)
  std::vector<std::string> unmatched;   // variables referenced but unset (UndefinedVar)
};

// Full result; throws ShellError.
Expansion expand(std::string_view text, const Env& env, const LexOptions& options = {});

// BuildKit's ProcessWord: one word, quotes removed, variables expanded.
std::string expand_word(std::string_view text, const Env& env, const LexOptions& options = {});

// BuildKit's ProcessWords: expansion then splitting on blanks that were not
// quoted or escaped (the blanks inside an expanded $VAR do split).
std::vector<std::string> expand_words(std::string_view text, const Env& env,
                                      const LexOptions& options = {});

}  // namespace ballast::dockerfile
