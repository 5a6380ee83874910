#include "fix/raw_words.h"

namespace ballast::fix {
namespace {

bool blank(char c) { return c == ' ' || c == '\t'; }

class Scanner {
 public:
  Scanner(std::string_view t, std::size_t b, std::size_t e, char esc) : t_(t), i_(b), end_(e), esc_(esc) {}

  RawScan run() {
    while (i_ < end_) {
      if (skip_continuation()) continue;
      char c = t_[i_];
      if (blank(c) || c == '\r' || c == '\n') {
        end_word();
        ++i_;
        continue;
      }
      if (!in_word_ && c == '#') {
        end_word();
        out_.comment_at = i_;
        break;
      }
      if (c == '&' || c == '|' || c == ';' || c == '(' || c == ')') {
        end_word();
        std::string op(1, c);
        if ((c == '&' || c == '|') && i_ + 1 < end_ && t_[i_ + 1] == c) op += c;
        i_ += op.size();
        end_command(op);
        continue;
      }
      word_char();
    }
    end_word();
    if (!cur_.words.empty() || out_.commands.empty()) {
      out_.commands.push_back(std::move(cur_));
    } else if (!out_.commands.empty() && !out_.commands.back().separator.empty()) {
      out_.trailing_separator = true;
    }
    return std::move(out_);
  }

 private:
  // BuildKit's joining: an escape then blanks at the end of a physical line
  // continues it; comment lines inside a continuation are dropped.
  bool skip_continuation() {
    if (t_[i_] != esc_) return false;
    std::size_t j = i_ + 1;
    while (j < end_ && blank(t_[j])) ++j;
    if (j < end_ && t_[j] == '\r') ++j;
    if (j < end_ && t_[j] != '\n') return false;
    i_ = j < end_ ? j + 1 : j;
    // Comment lines (and empty lines) that follow are not part of the text.
    while (i_ < end_) {
      std::size_t k = i_;
      while (k < end_ && blank(t_[k])) ++k;
      bool empty = k >= end_ || t_[k] == '\n' || (t_[k] == '\r' && k + 1 < end_ && t_[k + 1] == '\n');
      if (k < end_ && t_[k] != '#' && !empty) break;
      std::size_t nl = t_.find('\n', k);
      if (nl == std::string_view::npos || nl >= end_) {
        i_ = end_;
        break;
      }
      i_ = nl + 1;
    }
    return true;
  }

  void word_char() {
    char c = t_[i_];
    if (!in_word_) {
      in_word_ = true;
      plain_ = true;
      word_.begin = i_;
      word_.text.clear();
    }
    if (c == '>' || c == '<') plain_ = false;  // a redirection
    if (c == '\'' || c == '"') {
      plain_ = false;
      char q = c;
      ++i_;
      while (i_ < end_ && t_[i_] != q) {
        if (q == '"' && t_[i_] == '\\' && i_ + 1 < end_) ++i_;
        word_.text += t_[i_++];
      }
      if (i_ < end_) ++i_;
      word_.end = i_;
      return;
    }
    if (c == '\\' && esc_ != '\\' && i_ + 1 < end_) {  // shell escape under `# escape=``
      plain_ = false;
      word_.text += t_[i_ + 1];
      i_ += 2;
      word_.end = i_;
      return;
    }
    if (c == '\\' && i_ + 1 < end_) {
      plain_ = false;
      word_.text += t_[i_ + 1];
      i_ += 2;
      word_.end = i_;
      return;
    }
    if (c == '$' && i_ + 1 < end_ && (t_[i_ + 1] == '(' || t_[i_ + 1] == '{')) {
      plain_ = false;
      char open = t_[i_ + 1], close = open == '(' ? ')' : '}';
      int depth = 0;
      while (i_ < end_) {
        char d = t_[i_];
        word_.text += d;
        ++i_;
        if (d == open) ++depth;
        if (d == close && --depth == 0) break;
      }
      word_.end = i_;
      return;
    }
    if (c == '`') {
      plain_ = false;
      word_.text += c;
      ++i_;
      while (i_ < end_ && t_[i_] != '`') word_.text += t_[i_++];
      if (i_ < end_) word_.text += t_[i_++];
      word_.end = i_;
      return;
    }
    if (c == '$' || c == '*' || c == '?' || c == '[' || c == '~' || c == '{') plain_ = false;
    word_.text += c;
    ++i_;
    word_.end = i_;
  }

  void end_word() {
    if (!in_word_) return;
    in_word_ = false;
    word_.plain = plain_;
    cur_.words.push_back(word_);
  }

  void end_command(std::string op) {
    cur_.separator = std::move(op);
    out_.commands.push_back(std::move(cur_));
    cur_ = RawCommand{};
  }

  std::string_view t_;
  std::size_t i_;
  std::size_t end_;
  char esc_;
  bool in_word_ = false;
  bool plain_ = true;
  RawWord word_;
  RawCommand cur_;
  RawScan out_;
};

}  // namespace

RawScan scan_raw(std::string_view text, std::size_t begin, std::size_t end, char escape) {
  return Scanner(text, begin, end, escape).run();
}

}  // namespace ballast::fix
