// The line machinery of BuildKit's parser.go Parse(), step for step:
//  - lines keep their "\n" (scanLines) so heredoc bodies keep their endings;
//  - a UTF-8 BOM is dropped from the first line;
//  - every line is right-trimmed of "\r\n"; the first line of an instruction
//    is also left-trimmed of blanks; a line whose first non-blank is '#' is a
//    comment, including inside a continuation;
//  - parser directives are looked for until the first line that is not one;
//  - a line continues when it ends in the escape character (then blanks),
//    unless that escape is itself escaped; empty lines inside a continuation
//    are skipped (and warned about);
//  - heredoc bodies follow the instruction line, one per marker, in order.
#include "dockerfile/parser.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "dockerfile/heredoc_marker.h"
#include "dockerfile/line_parsers.h"
#include "dockerfile/shell_lex.h"
#include "util/go_text.h"
#include "util/limits.h"
#include "util/utf8.h"

namespace ballast::dockerfile {
namespace {

// Directive-regex whitespace (RE2's \s): [\t\n\f\r ].
bool is_re_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::string_view trim_newline(std::string_view s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool is_comment(std::string_view raw) {
  const std::string_view t = go_text::trim_left_space(trim_newline(raw));
  return !t.empty() && t[0] == '#';
}

// `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$` by hand.
bool match_directive(std::string_view token, std::string& name, std::string& value) {
  if (token.empty() || token[0] != '#') return false;
  std::size_t pos = 1;
  while (pos < token.size() && is_re_space(token[pos])) ++pos;
  if (pos >= token.size() || !is_alpha(token[pos])) return false;
  const std::size_t name_start = pos;
  while (pos < token.size() && (is_alpha(token[pos]) || (token[pos] >= '0' && token[pos] <= '9'))) ++pos;
  name.assign(token.substr(name_start, pos - name_start));
  while (pos < token.size() && is_re_space(token[pos])) ++pos;
  if (pos >= token.size() || token[pos] != '=') return false;
  ++pos;
  const std::string_view after_eq = token.substr(pos);
  if (after_eq.empty() || after_eq.find('\n') != std::string_view::npos) return false;
  std::size_t begin = 0;
  while (begin < after_eq.size() && is_re_space(after_eq[begin])) ++begin;
  std::size_t end = after_eq.size();
  while (end > begin && is_re_space(after_eq[end - 1])) --end;
  if (begin == end) {
    // All blanks: the lazy group still has to take one character.
    value.assign(after_eq.substr(after_eq.size() - 1));
  } else {
    value.assign(after_eq.substr(begin, end - begin));
  }
  name = go_text::ascii_lower(name);
  return true;
}

class Parser {
 public:
  Parser(std::string_view text, std::string_view filename) : text_(text) {
    out_.filename = std::string(filename);
  }

  ParsedDockerfile run() {
    check_input();
    // Most lines are instructions; a bounded guess avoids regrowing the vector.
    const auto lines = static_cast<std::size_t>(std::count(text_.begin(), text_.end(), '\n'));
    out_.instructions.reserve(std::min<std::size_t>(lines + 1, 1024));
    while (next_line()) {
      std::string_view raw = raw_;
      if (line_no_ == 1 && raw.substr(0, 3) == "\xEF\xBB\xBF") raw.remove_prefix(3);
      std::string_view token = go_text::trim_left_space(trim_newline(raw));
      directive(token, raw);
      const bool comment = !token.empty() && token[0] == '#';
      if (comment) {
        record_comment(token, true);
        token = {};  // trimComments: a comment (or directive) line is empty
      }
      const int start_line = line_no_;
      std::string line;
      bool end_of_line = trim_continuation(token, line);
      if (end_of_line && line.empty()) continue;

      std::vector<int> empty_lines;
      while (!end_of_line && next_line()) {
        const std::string_view cont_raw = raw_;
        const std::string_view cont = trim_newline(cont_raw);
        if (is_comment(cont_raw)) {
          record_comment(go_text::trim_left_space(cont), false);
          continue;
        }
        if (go_text::trim_left_space(cont).empty()) {
          empty_lines.push_back(line_no_);
          continue;
        }
        std::string piece;
        end_of_line = trim_continuation(cont, piece);
        line += piece;
      }
      if (!empty_lines.empty()) {
        out_.warnings.push_back(ParseWarning{"NoEmptyContinuation", "Empty continuation line found in: " + line,
                                             start_line, line_no_, std::move(empty_lines)});
      }
      add_instruction(std::move(line), start_line);
    }
    if (out_.instructions.empty()) {
      fail(std::max(line_no_, 1), 1, "file with no instructions");
    }
    out_.start_line = out_.instructions.front().start_line;
    out_.end_line = out_.instructions.back().end_line;
    return std::move(out_);
  }

 private:
  [[noreturn]] void fail(int line, int column, const std::string& message) const {
    throw ParseError(out_.filename, line, column, message);
  }

  void check_input() {
    if (text_.size() > kMaxDockerfileBytes) {
      fail(1, 1, "file is too large to be a Dockerfile (" + std::to_string(text_.size()) +
                     " bytes; the limit is " + std::to_string(kMaxDockerfileBytes) + ")");
    }
    const std::size_t nul = text_.find('\0');
    if (nul != std::string_view::npos) {
      const std::string_view before = text_.substr(0, nul);
      const int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
      const std::size_t line_start = before.rfind('\n');
      const int column = static_cast<int>(line_start == std::string_view::npos ? nul + 1 : nul - line_start);
      fail(line, column, "NUL byte: this looks like a binary file, not a Dockerfile");
    }
  }

  // Advances to the next physical line (with its "\n"); false at the end.
  bool next_line() {
    if (pos_ >= text_.size()) return false;
    const std::size_t nl = text_.find('\n', pos_);
    const std::size_t end = nl == std::string_view::npos ? text_.size() : nl + 1;
    raw_ = text_.substr(pos_, end - pos_);
    pos_ = end;
    ++line_no_;
    return true;
  }

  // Every comment goes to ParsedDockerfile::comments; those above an
  // instruction (not inside its continuation) also to its PrevComment list.
  void record_comment(std::string_view token, bool above_instruction) {
    out_.comments.push_back(Comment{line_no_, std::string(go_text::trim_space(token.substr(1)))});
    if (above_instruction) pending_comments_.emplace_back(out_.comments.back().text);
  }

  // possibleParserDirective: only while every line so far was a directive.
  void directive(std::string_view token, std::string_view raw) {
    if (directives_done_) return;
    std::string name;
    std::string value;
    if (!match_directive(token, name, value) ||
        (name != "syntax" && name != "escape" && name != "check")) {
      directives_done_ = true;
      return;
    }
    for (const Directive& d : out_.directives) {
      if (d.name == name) fail(line_no_, column_of(raw), "only one " + name + " parser directive can be used");
    }
    if (name == "escape") {
      if (value != "`" && value != "\\") {
        fail(line_no_, column_of(raw), "invalid escape token '" + value + "' does not match ` or \\");
      }
      out_.escape = value[0];
    }
    out_.directives.push_back(Directive{name, value, line_no_});
  }

  // trimContinuationCharacter: `([^E])E[ \t]*$|^E[ \t]*$` replaced by "$1".
  bool trim_continuation(std::string_view s, std::string& out) const {
    std::size_t end = s.size();
    while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\t')) --end;
    if (end > 0 && s[end - 1] == out_.escape && (end == 1 || s[end - 2] != out_.escape)) {
      out.append(s.substr(0, end - 1));
      return false;
    }
    out.append(s);
    return true;
  }

  static int column_of(std::string_view raw) {
    const std::string_view t = go_text::trim_left_space(raw);
    return static_cast<int>(raw.size() - t.size()) + 1;
  }

  // The column of the first non-blank character of line `line_no` (1-based).
  int instruction_column(int line_no) const {
    std::size_t pos = 0;
    for (int i = 1; i < line_no && pos < text_.size(); ++i) {
      const std::size_t nl = text_.find('\n', pos);
      if (nl == std::string_view::npos) return 1;
      pos = nl + 1;
    }
    const std::size_t nl = text_.find('\n', pos);
    std::string_view raw = text_.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (line_no == 1 && raw.substr(0, 3) == "\xEF\xBB\xBF") raw.remove_prefix(3);
    return column_of(raw);
  }

  void add_instruction(std::string line, int start_line) {
    Instruction inst;
    try {
      inst = detail::parse_logical_line(line, out_.escape, /*keep_original=*/false);
    } catch (const detail::LineError& e) {
      fail(start_line, instruction_column(start_line), e.what());
    } catch (const LimitError& e) {
      fail(start_line, instruction_column(start_line), e.what());
    }
    inst.comments = std::move(pending_comments_);
    pending_comments_.clear();

    const Instruction& target = inst.keyword == "onbuild" && inst.onbuild ? *inst.onbuild : inst;
    const bool heredoc_capable =
        (target.keyword == "run" || target.keyword == "copy" || target.keyword == "add") && !target.json_form;
    if (heredoc_capable) {
      std::vector<Heredoc> docs;
      try {
        docs = detail::heredocs_from_line(line);
      } catch (const ShellError& e) {
        fail(start_line, instruction_column(start_line), e.what());
      }
      for (Heredoc& doc : docs) read_heredoc_body(doc, start_line);
      inst.heredocs = std::move(docs);
    }
    inst.original = std::move(line);
    inst.start_line = start_line;
    inst.end_line = line_no_;
    if (inst.onbuild) {
      inst.onbuild->start_line = start_line;
      inst.onbuild->end_line = line_no_;
      inst.onbuild->heredocs = inst.heredocs;
    }
    out_.instructions.push_back(std::move(inst));
  }

  void read_heredoc_body(Heredoc& doc, int start_line) {
    doc.start_line = line_no_ + 1;
    std::string content;
    while (next_line()) {
      std::string_view candidate = trim_newline(raw_);
      if (doc.chomp) {
        while (!candidate.empty() && candidate.front() == '\t') candidate.remove_prefix(1);
      }
      if (candidate == doc.name) {
        doc.end_line = line_no_;
        doc.content = doc.chomp ? chomp(content) : std::move(content);
        return;
      }
      content.append(raw_);
    }
    fail(start_line, instruction_column(start_line),
         "unterminated heredoc <<" + doc.name + ": no line \"" + doc.name + "\" before the end of the file");
  }

  // ChompHeredocContent: `(?m)^\t+` removed.
  static std::string chomp(const std::string& content) {
    std::string out;
    out.reserve(content.size());
    bool at_line_start = true;
    for (char c : content) {
      if (at_line_start && c == '\t') continue;
      at_line_start = c == '\n';
      out.push_back(c);
    }
    return out;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::string_view raw_;
  int line_no_ = 0;
  bool directives_done_ = false;
  std::vector<std::string> pending_comments_;
  ParsedDockerfile out_;
};

}  // namespace

std::optional<std::string> ParsedDockerfile::directive(std::string_view name) const {
  for (const Directive& d : directives) {
    if (d.name == name) return d.value;
  }
  return std::nullopt;
}

ParsedDockerfile parse_dockerfile(std::string_view text, std::string_view filename) {
  return Parser(text, filename).run();
}

namespace {

// Reads at most one byte past the size limit, so a huge or endless input
// (a device, a pipe from /dev/zero) is rejected without being loaded.
std::string read_limited(std::istream& in, const std::string& name) {
  std::string text(kMaxDockerfileBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) throw ballast::InputError(name + ": read error");
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxDockerfileBytes) {
    throw ParseError(name, 1, 1,
                     "file is too large to be a Dockerfile (more than " + std::to_string(kMaxDockerfileBytes) +
                         " bytes)");
  }
  return text;
}

}  // namespace

ParsedDockerfile parse_dockerfile_file(const std::string& path) {
  if (path == "-") return parse_dockerfile(read_limited(std::cin, "<stdin>"), "<stdin>");
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw ballast::InputError(path + ": is a directory, not a Dockerfile");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ballast::InputError(path + ": cannot open file");
  return parse_dockerfile(read_limited(in, path), path);
}

}  // namespace ballast::dockerfile
