#include "dockerfile/line_parsers.h"

#include <algorithm>
#include <string>

#include "dockerfile/dump.h"
#include "dockerfile/json_array.h"
#include "util/go_text.h"
#include "util/limits.h"
#include "util/utf8.h"

namespace ballast::dockerfile::detail {
namespace {

bool is_ascii_ws(char c) {
  return c == '\t' || c == '\v' || c == '\f' || c == '\r' || c == ' ';
}

// Go's `word += string(rune(line[pos]))` on a byte: bytes >= 0x80 become the
// UTF-8 encoding of that Latin-1 code point. BuildKit's flag extraction works
// byte by byte, so a non-ASCII flag value comes out like this; ballast keeps
// the quirk to print what BuildKit prints.
void append_byte_as_rune(std::string& out, unsigned char b) {
  if (b < 0x80) {
    out.push_back(static_cast<char>(b));
  } else {
    utf8::append(out, b);
  }
}

struct FlagSplit {
  std::vector<std::string> flags;
  std::string_view rest;
};

// split_command.go extractBuilderFlags: `--flag[=value]` words at the start of
// the arguments, up to the first word not starting with "--" or a bare "--".
FlagSplit extract_builder_flags(std::string_view line) {
  enum Phase { kInSpaces, kInWord, kInQuote };
  FlagSplit out;
  Phase phase = kInSpaces;
  std::string word;
  unsigned char quote = 0;
  bool blank_ok = false;
  unsigned char ch = 0;
  const std::size_t n = line.size();
  for (std::size_t pos = 0; pos <= n; ++pos) {
    if (pos != n) ch = static_cast<unsigned char>(line[pos]);
    if (phase == kInSpaces) {
      if (pos == n) break;
      if (go_text::is_space_byte(ch)) continue;
      if (ch != '-' || pos + 1 == n || line[pos + 1] != '-') {
        out.rest = line.substr(pos);
        return out;
      }
      phase = kInWord;
    }
    if ((phase == kInWord || phase == kInQuote) && pos == n) {
      if (word != "--" && (blank_ok || !word.empty())) out.flags.push_back(word);
      break;
    }
    if (phase == kInWord) {
      if (go_text::is_space_byte(ch)) {
        phase = kInSpaces;
        if (word == "--") {
          out.rest = line.substr(pos);
          return out;
        }
        if (blank_ok || !word.empty()) out.flags.push_back(word);
        word.clear();
        blank_ok = false;
        continue;
      }
      if (ch == '\'' || ch == '"') {
        quote = ch;
        blank_ok = true;
        phase = kInQuote;
        continue;
      }
      if (ch == '\\') {
        if (pos + 1 == n) continue;  // a backslash at the very end is dropped
        ++pos;
        ch = static_cast<unsigned char>(line[pos]);
      }
      append_byte_as_rune(word, ch);
      continue;
    }
    // kInQuote
    if (ch == quote) {
      phase = kInWord;
      continue;
    }
    if (ch == '\\') {
      if (pos + 1 == n) {
        phase = kInWord;
        continue;
      }
      ++pos;
      ch = static_cast<unsigned char>(line[pos]);
    }
    append_byte_as_rune(word, ch);
  }
  out.rest = {};
  return out;
}

enum class ArgRule {
  kIgnore,            // unknown instruction
  kMaybeJson,         // RUN CMD ENTRYPOINT SHELL
  kMaybeJsonToList,   // ADD COPY VOLUME
  kWhitespaceList,    // FROM EXPOSE
  kString,            // MAINTAINER STOPSIGNAL USER WORKDIR
  kNameVal,           // ENV LABEL
  kNameOrNameVal,     // ARG
  kHealthcheck,
  kSubCommand,        // ONBUILD
};

ArgRule rule_for(std::string_view kw) {
  if (kw == "run" || kw == "cmd" || kw == "entrypoint" || kw == "shell") return ArgRule::kMaybeJson;
  if (kw == "add" || kw == "copy" || kw == "volume") return ArgRule::kMaybeJsonToList;
  if (kw == "from" || kw == "expose") return ArgRule::kWhitespaceList;
  if (kw == "maintainer" || kw == "stopsignal" || kw == "user" || kw == "workdir") return ArgRule::kString;
  if (kw == "env" || kw == "label") return ArgRule::kNameVal;
  if (kw == "arg") return ArgRule::kNameOrNameVal;
  if (kw == "healthcheck") return ArgRule::kHealthcheck;
  if (kw == "onbuild") return ArgRule::kSubCommand;
  return ArgRule::kIgnore;
}

constexpr const char* kNotStringArray =
    "when using JSON array syntax, arrays must be comprised of strings only";

// parseJSON: true when `rest` is a JSON array of strings (args filled).
bool try_json(std::string_view rest, Instruction& inst) {
  rest = go_text::trim_left_space(rest);
  if (rest.empty() || rest[0] != '[') return false;
  JsonArray parsed = parse_json_array(rest);
  if (parsed.status == JsonArrayStatus::kNotStrings) throw LineError(kNotStringArray);
  if (parsed.status == JsonArrayStatus::kNotJson) return false;
  for (std::string& e : parsed.elements) inst.args.push_back(std::move(e));  // after HEALTHCHECK's type
  inst.json_form = true;
  return true;
}

void parse_maybe_json(std::string_view rest, Instruction& inst) {
  if (rest.empty()) return;
  if (try_json(rest, inst)) return;
  inst.args.emplace_back(rest);
}

void parse_name_val(std::string_view rest, std::string_view key_upper, char escape, Instruction& inst) {
  const std::vector<std::string> words = parse_words(rest, escape);
  if (words.empty()) return;
  if (words[0].find('=') == std::string::npos) {
    // Legacy `KEY name value`: the value is the raw rest of the line.
    std::vector<std::string> parts = split_ascii_whitespace(rest, 2);
    if (parts.size() < 2) throw LineError(std::string(key_upper) + " must have two arguments");
    inst.args = {std::move(parts[0]), std::move(parts[1]), ""};
    return;
  }
  for (const std::string& word : words) {
    const std::size_t eq = word.find('=');
    if (eq == std::string::npos) {
      throw LineError("Syntax error - can't find = in " + go_text::quote(word) +
                      ". Must be of the form: name=value");
    }
    inst.args.push_back(word.substr(0, eq));
    inst.args.push_back(word.substr(eq + 1));
    inst.args.emplace_back("=");
  }
}

void parse_healthcheck(std::string_view rest, Instruction& inst) {
  std::size_t sep = 0;
  while (sep < rest.size() && !go_text::is_space_byte(static_cast<unsigned char>(rest[sep]))) ++sep;
  std::size_t next = sep;
  while (next < rest.size() && go_text::is_space_byte(static_cast<unsigned char>(rest[next]))) ++next;
  if (sep == 0) return;
  inst.args.emplace_back(rest.substr(0, sep));
  parse_maybe_json(rest.substr(next), inst);
}

}  // namespace

std::vector<std::string> split_ascii_whitespace(std::string_view s, int limit) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  std::size_t pos = 0;
  while (pos < s.size()) {
    if (limit > 0 && static_cast<int>(parts.size()) == limit - 1) break;
    if (is_ascii_ws(s[pos])) {
      std::size_t end = pos;
      while (end < s.size() && is_ascii_ws(s[end])) ++end;
      parts.emplace_back(s.substr(start, pos - start));
      start = end;
      pos = end;
      continue;
    }
    ++pos;
  }
  parts.emplace_back(s.substr(start));
  return parts;
}

std::vector<std::string> parse_words(std::string_view rest, char escape) {
  enum Phase { kInSpaces, kInWord, kInQuote };
  std::vector<std::string> words;
  Phase phase = kInSpaces;
  char32_t quote = 0;
  bool blank_ok = false;
  std::string word;
  char32_t ch = 0;
  std::size_t width = 0;
  const std::size_t n = rest.size();
  // sbuilder.WriteRune: an invalid byte is written as U+FFFD.
  auto put = [&](std::size_t at, std::size_t w) {
    if (w == 1 && static_cast<unsigned char>(rest[at]) >= 0x80) {
      utf8::append(word, utf8::kRuneError);
    } else {
      word.append(rest.substr(at, w));
    }
  };
  for (std::size_t pos = 0; pos <= n; pos += width) {
    if (pos != n) {
      const utf8::Rune r = utf8::decode(rest, pos);
      ch = r.value;
      width = r.width;
    }
    if (phase == kInSpaces) {
      if (pos == n) break;
      if (go_text::is_space(ch)) continue;
      phase = kInWord;
    }
    if ((phase == kInWord || phase == kInQuote) && pos == n) {
      if (blank_ok || !word.empty()) words.push_back(word);
      break;
    }
    if (phase == kInWord) {
      if (go_text::is_space(ch)) {
        phase = kInSpaces;
        if (blank_ok || !word.empty()) words.push_back(word);
        word.clear();
        blank_ok = false;
        continue;
      }
      if (ch == '\'' || ch == '"') {
        quote = ch;
        blank_ok = true;
        phase = kInQuote;
      }
      if (ch == static_cast<unsigned char>(escape)) {
        if (pos + width == n) continue;  // an escape at the very end is dropped
        // Outside quotes the escape and the next character are both kept.
        put(pos, width);
        pos += width;
        const utf8::Rune r = utf8::decode(rest, pos);
        ch = r.value;
        width = r.width;
      }
      put(pos, width);
      continue;
    }
    // kInQuote
    if (ch == quote) phase = kInWord;
    if (ch == static_cast<unsigned char>(escape) && quote != '\'') {
      if (pos + width == n) {
        phase = kInWord;
        continue;
      }
      put(pos, width);
      pos += width;
      const utf8::Rune r = utf8::decode(rest, pos);
      ch = r.value;
      width = r.width;
    }
    put(pos, width);
  }
  return words;
}

Instruction parse_logical_line(std::string_view line, char escape, bool keep_original, int depth) {
  // ONBUILD parses its argument as a line of its own; 20,000 chained ONBUILDs
  // would recurse (and copy the rest of the line) 20,000 times.
  if (depth > limits::kMaxOnbuildDepth) {
    throw LimitError("ONBUILD nested more than " + std::to_string(limits::kMaxOnbuildDepth) +
                     " deep (see docs/limits.md)");
  }
  Instruction inst;
  const std::string_view trimmed = go_text::trim_space(line);
  std::size_t cmd_end = 0;
  while (cmd_end < trimmed.size() && !is_ascii_ws(trimmed[cmd_end])) ++cmd_end;
  inst.keyword_raw = std::string(trimmed.substr(0, cmd_end));
  inst.keyword = go_text::ascii_lower(inst.keyword_raw);
  if (keep_original) inst.original = std::string(line);

  std::string_view rest;
  if (cmd_end < trimmed.size()) {
    std::size_t args_start = cmd_end;
    while (args_start < trimmed.size() && is_ascii_ws(trimmed[args_start])) ++args_start;
    FlagSplit split = extract_builder_flags(trimmed.substr(args_start));
    inst.flags = std::move(split.flags);
    rest = go_text::trim_space(split.rest);
  }

  switch (rule_for(inst.keyword)) {
    case ArgRule::kIgnore:
      break;
    case ArgRule::kMaybeJson:
      parse_maybe_json(rest, inst);
      break;
    case ArgRule::kMaybeJsonToList:
      if (!try_json(rest, inst) && !rest.empty()) inst.args = split_ascii_whitespace(rest, 0);
      break;
    case ArgRule::kWhitespaceList:
      if (!rest.empty()) inst.args = split_ascii_whitespace(rest, 0);
      break;
    case ArgRule::kString:
      if (!rest.empty()) inst.args.emplace_back(rest);
      break;
    case ArgRule::kNameVal:
      parse_name_val(rest, inst.keyword == "env" ? "ENV" : "LABEL", escape, inst);
      break;
    case ArgRule::kNameOrNameVal:
      inst.args = parse_words(rest, escape);
      break;
    case ArgRule::kHealthcheck:
      parse_healthcheck(rest, inst);
      break;
    case ArgRule::kSubCommand:
      if (!rest.empty()) {
        inst.onbuild = std::make_shared<Instruction>(parse_logical_line(rest, escape, true, depth + 1));
      }
      break;
  }
  return inst;
}

}  // namespace ballast::dockerfile::detail
