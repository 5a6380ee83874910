// A transcription of the behaviour of BuildKit's shell/lex.go (shellWord):
// the same scanner discipline (peek/next over runes, invalid UTF-8 read as
// U+FFFD), the same special characters ($ ' " and the escape), the same
// error messages. One deliberate difference: each nested processStopOn keeps
// its own word buffer (newer lex.go shares one, which drops the words before
// a `${v:-w}` in ProcessWords; ballast keeps the evident intent).
#include "dockerfile/shell_lex.h"

#include <algorithm>
#include <string>

#include "dockerfile/dump.h"
#include "dockerfile/shell_pattern.h"
#include "util/go_text.h"
#include "util/limits.h"
#include "util/utf8.h"

namespace ballast::dockerfile {
namespace {

constexpr char32_t kEof = static_cast<char32_t>(-1);

class Words {
 public:
  void add_char(char32_t ch) {
    if (go_text::is_space(ch) && in_word_) {
      if (!word_.empty()) {
        words_.push_back(std::move(word_));
        word_.clear();
        in_word_ = false;
      }
    } else if (!go_text::is_space(ch)) {
      add_raw_char(ch);
    }
  }
  void add_raw_char(char32_t ch) {
    utf8::append(word_, ch);
    in_word_ = true;
  }
  void add_string(std::string_view s) {
    for (std::size_t pos = 0; pos < s.size();) {
      const utf8::Rune r = utf8::decode(s, pos);
      add_char(r.value);
      pos += r.width;
    }
  }
  void add_raw_string(std::string_view s) {
    word_.append(s);
    in_word_ = true;
  }
  std::vector<std::string> take() {
    if (!word_.empty()) {
      words_.push_back(std::move(word_));
      word_.clear();
      in_word_ = false;
    }
    return std::move(words_);
  }

 private:
  std::string word_;
  std::vector<std::string> words_;
  bool in_word_ = false;
};

std::string rune_string(char32_t r) {
  std::string s;
  utf8::append(s, r == kEof ? utf8::kRuneError : r);
  return s;
}

bool is_special_param(char32_t c) {
  switch (c) {
    case '@': case '*': case '#': case '?': case '-': case '$': case '!': case '0':
      return true;
    default:
      return false;
  }
}

class ShellWord {
 public:
  ShellWord(std::string_view text, const Env& env, const LexOptions& options)
      : text_(text), env_(env), options_(options), raw_escapes_(options.raw_escapes),
        escape_(static_cast<unsigned char>(options.escape)) {}

  Expansion run() {
    Expansion out;
    std::vector<std::string> words;
    out.word = process_stop_on(kEof, raw_escapes_, &words);
    out.words = std::move(words);
    out.matched = std::move(matched_);
    out.unmatched = std::move(unmatched_);
    return out;
  }

 private:
  char32_t peek() const {
    if (pos_ >= text_.size()) return kEof;
    return utf8::decode(text_, pos_).value;
  }
  char32_t next() {
    if (pos_ >= text_.size()) return kEof;
    const utf8::Rune r = utf8::decode(text_, pos_);
    pos_ += r.width;
    return r.value;
  }
  static void write(std::string& out, char32_t r) { utf8::append(out, r); }

  std::string process_stop_on(char32_t stop, bool raw_escapes, std::vector<std::string>* words_out) {
    std::string result;
    Words words;
    const bool saved = raw_escapes_;
    raw_escapes_ = raw_escapes;
    while (peek() != kEof) {
      char32_t ch = peek();
      if (stop != kEof && ch == stop) {
        next();
        raw_escapes_ = saved;
        if (words_out != nullptr) *words_out = words.take();
        return result;
      }
      if (ch == '$' || (!options_.skip_quotes && (ch == '\'' || ch == '"'))) {
        const std::string tmp = ch == '$' ? process_dollar() : ch == '\'' ? single_quote() : double_quote();
        result += tmp;
        // Values feed later ARGs (a2=${a1}${a1}): without a cap 40 lines
        // double into terabytes.
        if (result.size() > limits::kMaxExpandedBytes) {
          throw LimitError("Dockerfile expansion produces more than " +
                           std::to_string(limits::kMaxExpandedBytes >> 20) + " MiB (see docs/limits.md)");
        }
        if (ch == '$') {
          words.add_string(tmp);
        } else {
          words.add_raw_string(tmp);
        }
        continue;
      }
      ch = next();
      if (ch == escape_) {
        if (raw_escapes_) {
          words.add_raw_char(ch);
          write(result, ch);
        }
        ch = next();
        if (ch == kEof) break;
        words.add_raw_char(ch);
      } else {
        words.add_char(ch);
      }
      write(result, ch);
    }
    raw_escapes_ = saved;
    if (stop != kEof) {
      throw ShellError("unexpected end of statement while looking for matching " + rune_string(stop));
    }
    if (words_out != nullptr) *words_out = words.take();
    return result;
  }

  std::string single_quote() {
    std::string result;
    char32_t ch = next();
    if (options_.raw_quotes) write(result, ch);
    for (;;) {
      ch = next();
      if (ch == kEof) throw ShellError("unexpected end of statement while looking for matching single-quote");
      if (ch == '\'') {
        if (options_.raw_quotes) write(result, ch);
        return result;
      }
      write(result, ch);
    }
  }

  std::string double_quote() {
    std::string result;
    char32_t ch = next();
    if (options_.raw_quotes) write(result, ch);
    for (;;) {
      const char32_t p = peek();
      if (p == kEof) throw ShellError("unexpected end of statement while looking for matching double-quote");
      if (p == '"') {
        ch = next();
        if (options_.raw_quotes) write(result, ch);
        return result;
      }
      if (p == '$') {
        result += process_dollar();
        continue;
      }
      ch = next();
      if (ch == escape_) {
        if (raw_escapes_) write(result, ch);
        const char32_t after = peek();
        if (after == kEof) continue;  // a trailing escape is ignored
        if (after == '"' || after == '$' || after == escape_) ch = next();
      }
      write(result, ch);
    }
  }

  std::string process_name() {
    std::string name;
    while (peek() != kEof) {
      char32_t ch = peek();
      if (name.empty() && go_text::is_digit(ch)) {
        while (peek() != kEof && go_text::is_digit(peek())) write(name, next());
        return name;
      }
      if (name.empty() && is_special_param(ch)) return rune_string(next());
      if (!go_text::is_letter(ch) && !go_text::is_digit(ch) && ch != '_') break;
      write(name, next());
    }
    return name;
  }

  const std::string* get_env(const std::string& name) {
    const std::string* v = env_.get(name);
    auto& list = v != nullptr ? matched_ : unmatched_;
    if (std::find(list.begin(), list.end(), name) == list.end()) list.push_back(name);
    return v;
  }

  // The word of ${name<op>word}: up to the closing brace.
  std::string word_until(char32_t stop, bool raw_escapes, const char* missing) {
    try {
      return process_stop_on(stop, raw_escapes, nullptr);
    } catch (const ShellError&) {
      if (peek() == kEof) throw ShellError(missing);
      throw;
    }
  }

  std::string process_dollar() {
    next();  // '$'
    if (peek() != '{') {
      const std::string name = process_name();
      if (name.empty()) return "$";
      const std::string* v = get_env(name);
      if (v == nullptr && options_.skip_unset) return "$" + name;
      return v != nullptr ? *v : std::string();
    }
    next();  // '{'
    // Each ${ recurses (word_until -> process_stop_on -> process_dollar):
    // bound it so 20,000 nested defaults is an error, not a stack overflow.
    if (++depth_ > limits::kMaxExpansionDepth) {
      throw LimitError("Dockerfile expansion nests ${...} more than " +
                       std::to_string(limits::kMaxExpansionDepth) + " deep (see docs/limits.md)");
    }
    struct DepthExit {
      int& d;
      ~DepthExit() { --d; }
    } depth_exit{depth_};
    const char32_t first = peek();
    if (first == kEof) throw ShellError("syntax error: missing '}'");
    if (first == '{' || first == '}' || first == ':') throw ShellError("syntax error: bad substitution");
    const std::string name = process_name();
    char32_t ch = next();
    std::string chs = rune_string(ch);
    bool null_is_unset = false;
    switch (ch) {
      case '}': {
        const std::string* v = get_env(name);
        if (v == nullptr && options_.skip_unset) return "${" + name + "}";
        return v != nullptr ? *v : std::string();
      }
      case ':':
        null_is_unset = true;
        ch = next();
        chs += rune_string(ch);
        [[fallthrough]];
      case '+':
      case '-':
      case '?':
      case '#':
      case '%': {
        const bool raw = ch == '#' || ch == '%';
        if (null_is_unset && raw) throw ShellError("unsupported modifier (" + chs + ") in substitution");
        std::string word = word_until('}', raw, "syntax error: missing '}'");
        const std::string* v = get_env(name);
        const bool set = v != nullptr;
        const std::string value = set ? *v : std::string();
        if (options_.skip_unset && !set) return "${" + name + chs + word + "}";
        switch (ch) {
          case '-':
            if (!set || (null_is_unset && value.empty())) return word;
            return value;
          case '+':
            if (!set || (null_is_unset && value.empty())) return "";
            return word;
          case '?':
            if (!set) throw ShellError(name + ": " + (word.empty() ? "is not allowed to be unset" : word));
            if (null_is_unset && value.empty()) {
              throw ShellError(name + ": " + (word.empty() ? "is not allowed to be empty" : word));
            }
            return value;
          case '%':
          case '#': {
            bool greedy = false;
            if (!word.empty() && static_cast<unsigned char>(word[0]) == ch) {
              greedy = true;
              word.erase(0, 1);
            }
            return ch == '%' ? detail::trim_suffix(word, value, greedy) : detail::trim_prefix(word, value, greedy);
          }
          default:
            throw ShellError("unsupported modifier (" + chs + ") in substitution");
        }
      }
      case '/': {
        const bool all = peek() == '/';
        if (all) next();
        const std::string pattern = word_until('/', true, "syntax error: missing '/' in ${}");
        const std::string replacement = word_until('}', true, "syntax error: missing '}'");
        const std::string* v = get_env(name);
        if (options_.skip_unset && v == nullptr) return "${" + name + "/" + pattern + "/" + replacement + "}";
        return detail::replace_pattern(pattern, v != nullptr ? *v : std::string(), replacement, all);
      }
      default:
        throw ShellError("unsupported modifier (" + chs + ") in substitution");
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  const Env& env_;
  const LexOptions& options_;
  bool raw_escapes_;
  char32_t escape_;
  int depth_ = 0;
  std::vector<std::string> matched_;
  std::vector<std::string> unmatched_;
};

}  // namespace

Expansion expand(std::string_view text, const Env& env, const LexOptions& options) {
  try {
    return ShellWord(text, env, options).run();
  } catch (const ShellError& e) {
    throw ShellError("failed to process " + go_text::quote(text) + ": " + e.what());
  }
}

std::string expand_word(std::string_view text, const Env& env, const LexOptions& options) {
  return expand(text, env, options).word;
}

std::vector<std::string> expand_words(std::string_view text, const Env& env, const LexOptions& options) {
  return expand(text, env, options).words;
}

}  // namespace ballast::dockerfile
