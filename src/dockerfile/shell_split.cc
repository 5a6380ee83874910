#include "dockerfile/shell_split.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace ballast::dockerfile {
namespace {

bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

bool is_assignment(std::string_view w) {
  if (w.empty() || !is_name_start(w[0])) return false;
  for (std::size_t i = 1; i < w.size(); ++i) {
    if (w[i] == '=') return true;
    if (!is_name_char(w[i])) return false;
  }
  return false;
}

// Reserved words that open or close a compound command; the simple command
// after them (`if apt-get ...; then rm ...; fi`) is what rules care about.
bool is_reserved_prefix(std::string_view w) {
  static constexpr std::array<std::string_view, 14> kWords = {
      "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "{", "}", "esac", "time"};
  return std::find(kWords.begin(), kWords.end(), w) != kWords.end();
}

class Splitter {
 public:
  explicit Splitter(std::string_view s) : s_(s) {}

  std::vector<ShellCommand> run() {
    while (i_ < s_.size()) step();
    end_word();
    end_command("");
    return std::move(out_);
  }

 private:
  void step() {
    char c = s_[i_];
    if (c == '\\') {
      if (i_ + 1 < s_.size() && s_[i_ + 1] == '\n') {  // line continuation
        i_ += 2;
        ++line_;
        return;
      }
      if (i_ + 1 < s_.size()) append(s_[i_ + 1]);
      i_ += 2;
      return;
    }
    if (c == '\n') {
      end_word();
      end_command("\n");
      ++i_;
      ++line_;
      skip_pending_heredocs();
      return;
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      end_word();
      ++i_;
      return;
    }
    if (c == '#' && !in_word_) {  // comment to end of line
      while (i_ < s_.size() && s_[i_] != '\n') ++i_;
      return;
    }
    if (c == '\'') {
      std::size_t end = s_.find('\'', i_ + 1);
      if (end == std::string_view::npos) end = s_.size();
      append_quoted(s_.substr(i_ + 1, end - i_ - 1));
      i_ = std::min(end + 1, s_.size());
      return;
    }
    if (c == '"') {
      double_quoted();
      return;
    }
    if (c == '$' && i_ + 1 < s_.size() && (s_[i_ + 1] == '(' || s_[i_ + 1] == '{')) {
      copy_balanced(s_[i_ + 1], s_[i_ + 1] == '(' ? ')' : '}');
      return;
    }
    if (c == '`') {
      std::size_t j = i_ + 1;
      while (j < s_.size() && s_[j] != '`') j += s_[j] == '\\' ? 2 : 1;
      j = std::min(j + 1, s_.size());
      append_raw(s_.substr(i_, j - i_));
      i_ = j;
      return;
    }
    if (c == '>' || c == '<') {
      redirection();
      return;
    }
    if (c == '&' && i_ + 1 < s_.size() && s_[i_ + 1] == '>') {  // &> and &>>: redirect both streams
      end_word();
      i_ += 2;
      if (i_ < s_.size() && s_[i_] == '>') ++i_;
      skip_next_word_ = true;
      return;
    }
    if (c == ';' || c == '&' || c == '|' || c == '(' || c == ')') {
      end_word();
      std::string sep(1, c);
      if ((c == '&' || c == '|' || c == ';') && i_ + 1 < s_.size() && s_[i_ + 1] == c) {
        sep.push_back(c);
      } else if (c == '|' && i_ + 1 < s_.size() && s_[i_ + 1] == '&') {
        sep = "|";  // |& pipes stderr too
        ++i_;
      }
      i_ += sep.size();
      if (sep == ";;") sep = ";";
      if (c == '(' || c == ')') sep = ";";
      end_command(sep);
      return;
    }
    append(c);
    ++i_;
  }

  void double_quoted() {
    begin_word();
    ++i_;
    while (i_ < s_.size() && s_[i_] != '"') {
      char c = s_[i_];
      if (c == '\\' && i_ + 1 < s_.size()) {
        char n = s_[i_ + 1];
        if (n == '\n') {
          ++line_;
        } else if (n == '$' || n == '`' || n == '"' || n == '\\') {
          word_.push_back(n);
        } else {
          word_.push_back('\\');
          word_.push_back(n);
        }
        i_ += 2;
        continue;
      }
      if (c == '$' && i_ + 1 < s_.size() && (s_[i_ + 1] == '(' || s_[i_ + 1] == '{')) {
        copy_balanced(s_[i_ + 1], s_[i_ + 1] == '(' ? ')' : '}');
        continue;
      }
      if (c == '\n') ++line_;
      word_.push_back(c);
      ++i_;
    }
    ++i_;  // closing quote (or past the end)
    quoted_ = true;
  }

  // `$(` ... `)` or `${` ... `}`, nested, with quotes inside, copied verbatim.
  void copy_balanced(char open, char close) {
    std::size_t start = i_;
    i_ += 2;
    int depth = 1;
    while (i_ < s_.size() && depth > 0) {
      char c = s_[i_];
      if (c == '\\') {
        i_ += 2;
        continue;
      }
      if (c == '\'') {
        std::size_t end = s_.find('\'', i_ + 1);
        i_ = end == std::string_view::npos ? s_.size() : end + 1;
        continue;
      }
      if (c == '\n') ++line_;
      if (c == open) ++depth;
      if (c == close) --depth;
      ++i_;
    }
    i_ = std::min(i_, s_.size());
    append_raw(s_.substr(start, i_ - start));
  }

  void redirection() {
    // `2>`: a word of digits right before the operator is a file descriptor.
    if (in_word_ && !quoted_ && !word_.empty() &&
        std::all_of(word_.begin(), word_.end(), [](char d) { return std::isdigit(static_cast<unsigned char>(d)); })) {
      word_.clear();
      in_word_ = false;
    }
    end_word();
    std::size_t start = i_;
    while (i_ < s_.size() && (s_[i_] == '>' || s_[i_] == '<' || s_[i_] == '&' || s_[i_] == '|' || s_[i_] == '-')) {
      if (s_[i_] == '-' && s_.substr(start, i_ - start) != "<<") break;  // only <<- takes a dash
      ++i_;
    }
    std::string_view op = s_.substr(start, i_ - start);
    if (op == "<<" || op == "<<-") {
      heredoc_strip_tabs_ = op == "<<-";
      collect_heredoc_delimiter_ = true;
    }
    skip_next_word_ = true;
  }

  void skip_pending_heredocs() {
    for (const auto& [delim, strip] : pending_heredocs_) {
      while (i_ < s_.size()) {
        std::size_t eol = s_.find('\n', i_);
        if (eol == std::string_view::npos) eol = s_.size();
        std::string_view l = s_.substr(i_, eol - i_);
        if (strip) l.remove_prefix(std::min(l.find_first_not_of('\t'), l.size()));
        i_ = std::min(eol + 1, s_.size());
        ++line_;
        if (l == delim) break;
      }
    }
    pending_heredocs_.clear();
  }

  void begin_word() {
    if (!in_word_) word_line_ = line_;
    in_word_ = true;
  }
  void append(char c) {
    begin_word();
    word_.push_back(c);
  }
  void append_quoted(std::string_view t) {
    begin_word();
    word_.append(t);
    quoted_ = true;
  }
  void append_raw(std::string_view t) {
    begin_word();
    word_.append(t);
  }

  void end_word() {
    if (!in_word_) return;
    std::string w = std::move(word_);
    word_.clear();
    in_word_ = false;
    bool was_quoted = quoted_;
    quoted_ = false;
    if (collect_heredoc_delimiter_) {
      pending_heredocs_.emplace_back(w, heredoc_strip_tabs_);
      collect_heredoc_delimiter_ = false;
    }
    if (skip_next_word_) {
      skip_next_word_ = false;
      return;
    }
    if (cur_.words.empty()) {
      if (!was_quoted && is_assignment(w)) {
        if (cur_.assignments.empty()) cur_.line = word_line_;
        cur_.assignments.push_back(std::move(w));
        return;
      }
      if (!was_quoted && is_reserved_prefix(w)) return;
      if (cur_.assignments.empty()) cur_.line = word_line_;
    }
    cur_.words.push_back(std::move(w));
  }

  void end_command(std::string sep) {
    if (!cur_.words.empty() || !cur_.assignments.empty()) {
      cur_.separator = std::move(sep);
      out_.push_back(std::move(cur_));
    }
    cur_ = ShellCommand{};
  }

  std::string_view s_;
  std::size_t i_ = 0;
  int line_ = 0;
  int word_line_ = 0;
  std::string word_;
  bool in_word_ = false;
  bool quoted_ = false;
  bool skip_next_word_ = false;
  bool collect_heredoc_delimiter_ = false;
  bool heredoc_strip_tabs_ = false;
  std::vector<std::pair<std::string, bool>> pending_heredocs_;
  ShellCommand cur_;
  std::vector<ShellCommand> out_;
};

}  // namespace

std::vector<ShellCommand> split_shell(std::string_view script) { return Splitter(script).run(); }

std::size_t program_index(const ShellCommand& command) {
  const auto& w = command.words;
  std::size_t i = 0;
  while (i < w.size()) {
    std::string_view word = w[i];
    if (word == "sudo" || word == "doas") {
      ++i;
      while (i < w.size() && w[i].starts_with('-')) {
        std::string_view opt = w[i];
        ++i;
        if (opt == "-u" || opt == "-g" || opt == "-C" || opt == "-h" || opt == "-p" || opt == "-U") ++i;
      }
    } else if (word == "env") {
      ++i;
      while (i < w.size() && (w[i].starts_with('-') || is_assignment(w[i]))) ++i;
    } else if (word == "nice") {
      ++i;
      if (i < w.size() && w[i] == "-n") i += 2;
      else if (i < w.size() && w[i].starts_with('-')) ++i;
    } else if (word == "nohup" || word == "exec" || word == "command" || word == "time") {
      ++i;
    } else {
      return i;
    }
  }
  return w.size();
}

}  // namespace ballast::dockerfile
