// Dockerfile text -> instructions, with BuildKit's parser semantics
// (moby/buildkit frontend/dockerfile/parser): parser directives, line
// continuations with the escape character (comment and empty lines inside),
// heredocs, exec vs shell form with BuildKit's JSON fallback, flags, ONBUILD,
// ENV/LABEL key-value forms, exact 1-based lines. No variable expansion here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/instruction.h"
#include "dockerfile/parse_error.h"

namespace ballast::dockerfile {

// A parser directive (`# syntax=...`, `# escape=...`, `# check=...`): only
// honoured at the very top, before any instruction, comment or empty line.
struct Directive {
  std::string name;   // lower-case: "syntax" | "escape" | "check"
  std::string value;
  int line = 0;
};

// A comment line (outside heredoc bodies), for inline suppressions such as
// `# hadolint ignore=DL3008` or `# ballast global ignore=...`.
struct Comment {
  int line = 0;
  std::string text;  // after '#', trimmed
};

// Something BuildKit accepts but warns about. kind "NoEmptyContinuation":
// an empty line inside a continuation (BuildKit: "Empty continuation line").
struct ParseWarning {
  std::string kind;
  std::string message;
  int start_line = 0;  // the instruction holding the empty line
  int end_line = 0;
  std::vector<int> lines;  // the empty continuation lines themselves
};

struct ParsedDockerfile {
  std::string filename;
  std::vector<Directive> directives;
  char escape = '\\';                    // '\\' or '`' (the escape directive)
  std::vector<Instruction> instructions;
  std::vector<Comment> comments;
  std::vector<ParseWarning> warnings;
  int start_line = 0;                    // first and last line of the instructions
  int end_line = 0;

  // The value of a directive, if present ("syntax", "escape", "check").
  std::optional<std::string> directive(std::string_view name) const;
};

// Largest input accepted (BuildKit itself has no limit; ours keeps the tool
// from being made to chew gigabytes: real Dockerfiles are a few KB).
inline constexpr std::size_t kMaxDockerfileBytes = 10 * 1024 * 1024;

// Parses `text`. Throws ParseError ("<filename>:LINE:COL: message") for what
// BuildKit rejects (no instructions, `ENV k` without value, unterminated
// heredoc, JSON arrays of non-strings, bad escape directive ...) and for
// input that is not a text Dockerfile (NUL bytes, more than 10 MB).
ParsedDockerfile parse_dockerfile(std::string_view text, std::string_view filename = "Dockerfile");

// Reads and parses a file ("-" = stdin). Throws InputError if unreadable.
ParsedDockerfile parse_dockerfile_file(const std::string& path);

}  // namespace ballast::dockerfile
