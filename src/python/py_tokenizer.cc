#include "python/py_tokenizer.h"

#include <cctype>

namespace ballast::python {

namespace {

bool is_ident_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}
bool is_ident_char(char c) {
  return is_ident_start(c) || std::isdigit(static_cast<unsigned char>(c));
}

// String prefixes of the Python grammar (any case): r u b br rb f fr rf t tr rt.
bool is_string_prefix(std::string_view word, bool& raw, bool& formatted) {
  if (word.size() > 2) return false;
  raw = formatted = false;
  bool bytes = false, unicode = false, tstring = false;
  for (char c : word) {
    switch (std::tolower(static_cast<unsigned char>(c))) {
      case 'r': if (raw) return false; raw = true; break;
      case 'b': if (bytes) return false; bytes = true; break;
      case 'u': if (unicode) return false; unicode = true; break;
      case 'f': if (formatted) return false; formatted = true; break;
      case 't': if (tstring) return false; tstring = true; break;
      default: return false;
    }
  }
  if (unicode && word.size() > 1) return false;
  if ((bytes && (formatted || tstring)) || (formatted && tstring)) return false;
  formatted = formatted || tstring;  // t-strings (PEP 750) nest like f-strings
  return true;
}

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view s) : s_(s) {}

  TokenizedSource run() {
    bool line_start = true;
    while (pos_ < s_.size()) {
      if (line_start && depth_ > 0 && !continued_ && starts_statement()) {
        // Recovery: a statement keyword in column 0 cannot be inside
        // brackets, so the bracket was never closed.
        error(bracket_line_, "'" + std::string(1, open_bracket_) + "' was never closed");
        depth_ = 0;
        finish_line();
      }
      if (line_start && depth_ == 0 && !continued_) {
        if (!begin_line()) continue;
      }
      line_start = false;
      continued_ = false;
      char c = s_[pos_];
      if (c == '\n' || c == '\r') {
        if (c == '\r' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '\n') ++pos_;
        ++pos_;
        ++line_;
        if (depth_ == 0) finish_line();
        line_start = true;
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\f') {
        ++pos_;
        continue;
      }
      if (c == '#') {
        while (pos_ < s_.size() && s_[pos_] != '\n' && s_[pos_] != '\r') ++pos_;
        continue;
      }
      if (c == '\\') {
        size_t next = pos_ + 1;
        if (next < s_.size() && s_[next] == '\r') ++next;
        if (next < s_.size() && s_[next] == '\n') {
          pos_ = next + 1;
          ++line_;
          continued_ = true;
          line_start = true;
          continue;
        }
        if (next >= s_.size()) {
          error(line_, "unexpected end of file after line continuation");
          ++pos_;
          continue;
        }
        error(line_, "unexpected character after line continuation character");
        ++pos_;
        continue;
      }
      if (c == '"' || c == '\'') {
        string_token(pos_, false, false);
        continue;
      }
      if (is_ident_start(c)) {
        size_t start = pos_;
        while (pos_ < s_.size() && is_ident_char(s_[pos_])) ++pos_;
        bool raw = false, formatted = false;
        std::string_view word = s_.substr(start, pos_ - start);
        if (pos_ < s_.size() && (s_[pos_] == '"' || s_[pos_] == '\'') && is_string_prefix(word, raw, formatted)) {
          string_token(start, raw, formatted);
          continue;
        }
        push({TokenKind::kName, word, {}, false, line_});
        continue;
      }
      if (std::isdigit(static_cast<unsigned char>(c)) ||
          (c == '.' && pos_ + 1 < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_ + 1])))) {
        size_t start = pos_;
        while (pos_ < s_.size()) {
          char d = s_[pos_];
          if (std::isalnum(static_cast<unsigned char>(d)) || d == '_' || d == '.') {
            ++pos_;
          } else if ((d == '+' || d == '-') && (s_[pos_ - 1] == 'e' || s_[pos_ - 1] == 'E') &&
                     !(s_[start] == '0' && pos_ - start > 1 && (s_[start + 1] == 'x' || s_[start + 1] == 'X'))) {
            ++pos_;
          } else {
            break;
          }
        }
        push({TokenKind::kNumber, s_.substr(start, pos_ - start), {}, false, line_});
        continue;
      }
      operator_token();
    }
    if (depth_ > 0) error(bracket_line_, "'" + std::string(1, open_bracket_) + "' was never closed");
    finish_line();
    return std::move(out_);
  }

 private:
  // Measures the indentation of a new physical line; skips blank and
  // comment-only lines (they make no logical line). Returns false when the
  // line was consumed.
  bool begin_line() {
    int column = 0;
    size_t p = pos_;
    while (p < s_.size() && (s_[p] == ' ' || s_[p] == '\t' || s_[p] == '\f')) {
      column = s_[p] == '\t' ? (column / 8 + 1) * 8 : s_[p] == '\f' ? 0 : column + 1;
      ++p;
    }
    if (p >= s_.size()) {
      pos_ = p;
      return false;
    }
    if (s_[p] == '#' || s_[p] == '\n' || s_[p] == '\r') {
      while (p < s_.size() && s_[p] != '\n' && s_[p] != '\r') ++p;
      if (p < s_.size() && s_[p] == '\r') ++p;
      if (p < s_.size() && s_[p] == '\n') ++p;
      pos_ = p;
      ++line_;
      return false;
    }
    pos_ = p;
    current_.indent = column;
    current_.line = line_;
    return true;
  }

  // `import x`, `from x import y`, `def f`, `class C` starting in column 0.
  bool starts_statement() const {
    std::string_view rest = s_.substr(pos_);
    std::string_view line = rest.substr(0, rest.find('\n'));
    for (std::string_view kw : {"import ", "def ", "class "}) {
      if (line.substr(0, kw.size()) == kw) return true;
    }
    return line.substr(0, 5) == "from " && line.find(" import ") != std::string_view::npos;
  }

  void finish_line() {
    if (!current_.tokens.empty()) out_.lines.push_back(std::move(current_));
    current_ = LogicalLine{};
  }

  void push(Token t) {
    if (current_.tokens.empty() && current_.line == 0) current_.line = t.line;
    current_.tokens.push_back(t);
  }

  void error(int line, std::string message) { out_.errors.push_back({line, std::move(message)}); }

  void operator_token() {
    static constexpr std::string_view kOps3[] = {"**=", "//=", ">>=", "<<=", "..."};
    static constexpr std::string_view kOps2[] = {":=", "->", "==", "!=", "<=", ">=", "**", "//", "<<", ">>",
                                                 "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@="};
    size_t len = 1;
    for (auto op : kOps3) {
      if (s_.substr(pos_, 3) == op) len = 3;
    }
    if (len == 1) {
      for (auto op : kOps2) {
        if (s_.substr(pos_, 2) == op) len = 2;
      }
    }
    char c = s_[pos_];
    if (len == 1) {
      if (c == '(' || c == '[' || c == '{') {
        if (depth_ == 0) {
          bracket_line_ = line_;
          open_bracket_ = c;
        }
        ++depth_;
      } else if (c == ')' || c == ']' || c == '}') {
        if (depth_ == 0) error(line_, "unmatched '" + std::string(1, c) + "'");
        else --depth_;
      } else if (std::string_view("+-*/%@&|^~<>=.,:;!").find(c) == std::string_view::npos) {
        error(line_, "invalid character '" + std::string(1, c) + "'");
        ++pos_;
        return;
      }
    }
    push({TokenKind::kOp, s_.substr(pos_, len), {}, false, line_});
    pos_ += len;
  }

  // Scans a string literal whose prefix starts at `start` (the quote is at
  // pos_) and pushes one token.
  void string_token(size_t start, bool raw, bool formatted) {
    int first_line = line_;
    size_t body_start = 0, body_end = 0;
    scan_string(raw, formatted, body_start, body_end);
    Token t{TokenKind::kString, s_.substr(start, pos_ - start), s_.substr(body_start, body_end - body_start),
            formatted, first_line};
    push(t);
  }

  // pos_ is at the opening quote; leaves pos_ after the closing quote (or
  // where recovery stopped). Reports the body as [body_start, body_end).
  void scan_string(bool raw, bool formatted, size_t& body_start, size_t& body_end) {
    char quote = s_[pos_];
    const char quotes[3] = {quote, quote, quote};
    std::string_view triple_quote(quotes, 3);
    bool triple = s_.substr(pos_, 3) == triple_quote;
    size_t qlen = triple ? 3 : 1;
    int first_line = line_;
    pos_ += qlen;
    body_start = pos_;
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == '\\') {
        // Even in raw strings a backslash keeps the next quote in the string.
        // In f-strings it does not escape a brace ("\{" still opens a field),
        // but "\N{NAME}" in a non-raw one is a named character, not a field.
        char next = pos_ + 1 < s_.size() ? s_[pos_ + 1] : '\0';
        if (formatted && (next == '{' || next == '}')) {
          ++pos_;
          continue;
        }
        if (formatted && !raw && next == 'N' && pos_ + 2 < s_.size() && s_[pos_ + 2] == '{') {
          size_t close = s_.find('}', pos_ + 3);
          size_t stop = s_.find('\n', pos_ + 3);
          if (close != std::string_view::npos && (stop == std::string_view::npos || close < stop)) {
            pos_ = close + 1;
            continue;
          }
        }
        if (next == '\n') ++line_;
        pos_ += 2;
        continue;
      }
      if (c == quote && (!triple || s_.substr(pos_, 3) == triple_quote)) {
        body_end = pos_;
        pos_ += qlen;
        return;
      }
      if (c == '\n') {
        if (!triple) {
          error(first_line, "unterminated string literal");
          body_end = pos_;
          return;  // the newline ends the logical line as usual
        }
        ++line_;
      }
      if (formatted && c == '{') {
        if (pos_ + 1 < s_.size() && s_[pos_ + 1] == '{') {
          pos_ += 2;
          continue;
        }
        ++pos_;
        if (!replacement_field(triple, first_line)) {
          body_end = pos_;
          return;
        }
        continue;
      }
      ++pos_;
    }
    body_end = s_.size();
    pos_ = s_.size();
    error(first_line, triple ? "unterminated triple-quoted string literal" : "unterminated string literal");
  }

  // Inside an f-string after '{': the expression (with nested strings and
  // brackets), then an optional format spec which may itself hold fields.
  // Returns false when the enclosing string had to be abandoned.
  bool replacement_field(bool triple, int string_line) {
    int depth = 0;
    bool spec = false;
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == '\n') {
        // PEP 701 (3.12) lets the expression part span lines; a format spec
        // of a single-quoted string cannot.
        if (!triple && spec) {
          error(string_line, "unterminated f-string replacement field");
          return false;
        }
        ++line_;
        ++pos_;
        continue;
      }
      if (spec) {
        if (c == '{') {
          ++pos_;
          if (!replacement_field(triple, string_line)) return false;
          continue;
        }
        if (c == '}') {
          ++pos_;
          return true;
        }
        if (c == '"' || c == '\'') {
          // A quote in a format spec ends the string in pre-3.12 Python;
          // treat it as the end of the field and let the caller see it.
          return true;
        }
        ++pos_;
        continue;
      }
      if (c == '#') {
        // PEP 701 (3.12): a comment inside a multi-line replacement field.
        while (pos_ < s_.size() && s_[pos_] != '\n') ++pos_;
        continue;
      }
      if (c == '"' || c == '\'') {
        size_t b = 0, e = 0;
        scan_string(false, false, b, e);  // a plain string inside the expression
        continue;
      }
      if (is_ident_start(c)) {
        size_t start = pos_;
        while (pos_ < s_.size() && is_ident_char(s_[pos_])) ++pos_;
        bool raw = false, formatted = false;
        if (pos_ < s_.size() && (s_[pos_] == '"' || s_[pos_] == '\'') &&
            is_string_prefix(s_.substr(start, pos_ - start), raw, formatted)) {
          size_t b = 0, e = 0;
          scan_string(raw, formatted, b, e);
        }
        continue;
      }
      if (c == '(' || c == '[' || c == '{') ++depth;
      else if (c == ')' || c == ']') depth = depth > 0 ? depth - 1 : 0;
      else if (c == '}') {
        if (depth == 0) {
          ++pos_;
          return true;
        }
        --depth;
      } else if (c == ':' && depth == 0) {
        spec = true;
      } else if (c == '!' && depth == 0 && pos_ + 1 < s_.size() && s_[pos_ + 1] != '=') {
        spec = false;  // conversion "!r": the field continues to ':' or '}'
      }
      ++pos_;
    }
    return false;
  }

  std::string_view s_;
  size_t pos_ = 0;
  int line_ = 1;
  int depth_ = 0;
  int bracket_line_ = 0;
  char open_bracket_ = '(';
  bool continued_ = false;
  LogicalLine current_;
  TokenizedSource out_;
};

}  // namespace

TokenizedSource tokenize_python(std::string_view source) { return Tokenizer(source).run(); }

}  // namespace ballast::python
