// One Dockerfile instruction as BuildKit's parser sees it (frontend/dockerfile/
// parser, Node): keyword, flags, arguments, heredoc bodies and exact 1-based
// source lines. This is the type every consumer (lint, context, python) reads;
// it carries facts of the source, never interpretation (no variable expansion:
// see shell_lex.h and stages.h for that).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ballast::dockerfile {

// A heredoc attached to RUN/COPY/ADD (also inside ONBUILD): `<<EOF`, `<<-EOF`,
// `<<"EOF"`, `3<<EOF`. BuildKit reads the body lines after the instruction,
// in the order the markers appear on the instruction line.
struct Heredoc {
  std::string name;     // the terminator word, quotes removed ("EOF")
  std::string content;  // the body with its line endings; for `<<-` the leading
                        // tabs of each line are already removed (ChompHeredocContent)
  bool expand = true;   // false when any part of the marker word was quoted:
                        // the body is then taken literally (no $VAR expansion)
  bool chomp = false;   // `<<-`
  int fd = 0;           // the optional file descriptor prefix (`3<<EOF`), 0 if none
  int start_line = 0;   // first body line (1-based); equals end_line+1 if the body is empty
  int end_line = 0;     // the terminator line
};

struct Instruction {
  std::string keyword;          // lower-case: "run", "copy", "from", ... (unknown ones too)
  std::string keyword_raw;      // as written ("Run"): ConsistentInstructionCasing needs it
  std::string original;         // the logical line BuildKit parsed: physical lines joined
                                // with the continuation escapes removed, comment lines and
                                // empty continuation lines dropped (Node.Original)
  std::vector<std::string> flags;  // raw, in order: "--mount=type=cache,target=/root/.cache"
  // As in BuildKit's dump: the JSON elements (exec form), or the shell string as
  // one argument; whitespace-split words for FROM/EXPOSE and shell-form
  // COPY/ADD/VOLUME; ENV/LABEL triples key,value,sep (sep "=" or "" for the
  // legacy `ENV k v`); ARG the words as written ("name", "name=default");
  // HEALTHCHECK the type ("CMD"/"NONE") then the command. Values are raw:
  // quotes and escapes are still in them (BuildKit expands them at build time).
  std::vector<std::string> args;
  bool json_form = false;       // exec form: the arguments were a JSON array
  std::vector<Heredoc> heredocs;
  std::shared_ptr<Instruction> onbuild;  // the inner instruction of ONBUILD
  std::vector<std::string> comments;     // comment lines just above (text after '#',
                                         // trimmed), as BuildKit's PrevComment
  int start_line = 0;           // 1-based, first physical line
  int end_line = 0;             // 1-based, last physical line (heredoc terminators included)
};

// The value of `--name=value` (the first one), "" for a bare `--name`, nullopt
// if the flag is absent. Flag names are matched exactly, as BuildKit's BFlags.
std::optional<std::string> flag_value(const Instruction& inst, std::string_view name);

// Every value of a repeatable flag (--mount, --exclude, --secret ...), in order.
std::vector<std::string> flag_values(const Instruction& inst, std::string_view name);

// A boolean flag as BuildKit reads it: `--link` and `--link=true` are true,
// `--link=false` and absence are false.
bool flag_bool(const Instruction& inst, std::string_view name);

// ENV / LABEL / ARG assignments. value is raw (quotes and $VARS untouched);
// ARG without a default has no value. legacy marks `ENV k v` / `LABEL k v`.
struct KeyValue {
  std::string key;
  std::optional<std::string> value;
  bool legacy = false;
};
std::vector<KeyValue> key_values(const Instruction& inst);

// The instruction that actually runs: the ONBUILD inner one, or inst itself.
const Instruction& effective(const Instruction& inst);

// True for the keywords BuildKit's parser knows (unknown ones are kept, with
// no arguments, and ignored by BuildKit's dispatcher).
bool is_known_keyword(std::string_view lower_keyword);

}  // namespace ballast::dockerfile
