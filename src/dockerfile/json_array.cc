#include "dockerfile/json_array.h"

#include "util/go_text.h"
#include "util/utf8.h"

namespace ballast::dockerfile::detail {
namespace {

// Go's encoding/json maxNestingDepth.
constexpr int kMaxDepth = 10000;

class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  void skip_ws() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') break;
      ++pos_;
    }
  }
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }

  // Validates one value. When `out` is non-null and the value is a string,
  // stores its decoded text. Returns false on a syntax error.
  bool value(int depth, std::string* out, bool* is_string) {
    if (is_string != nullptr) *is_string = false;
    skip_ws();
    if (at_end()) return false;
    const char c = text_[pos_];
    if (c == '"') {
      if (is_string != nullptr) *is_string = true;
      return string(out);
    }
    if (c == '[') return array(depth + 1, nullptr, nullptr);
    if (c == '{') return object(depth + 1);
    if (c == 't') return literal("true");
    if (c == 'f') return literal("false");
    if (c == 'n') return literal("null");
    return number();
  }

  // Top-level array: collects string elements, notes any non-string.
  bool array(int depth, std::vector<std::string>* strings, bool* all_strings) {
    if (depth > kMaxDepth) return false;
    ++pos_;  // '['
    skip_ws();
    if (peek() == ']') {
      ++pos_;
      return true;
    }
    for (;;) {
      std::string s;
      bool is_string = false;
      if (!value(depth, strings != nullptr ? &s : nullptr, &is_string)) return false;
      if (strings != nullptr) {
        if (is_string) {
          strings->push_back(std::move(s));
        } else {
          *all_strings = false;
        }
      }
      skip_ws();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == ']') {
        ++pos_;
        return true;
      }
      return false;
    }
  }

 private:
  bool object(int depth) {
    if (depth > kMaxDepth) return false;
    ++pos_;  // '{'
    skip_ws();
    if (peek() == '}') {
      ++pos_;
      return true;
    }
    for (;;) {
      skip_ws();
      if (peek() != '"' || !string(nullptr)) return false;
      skip_ws();
      if (peek() != ':') return false;
      ++pos_;
      if (!value(depth, nullptr, nullptr)) return false;
      skip_ws();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == '}') {
        ++pos_;
        return true;
      }
      return false;
    }
  }

  bool literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  static bool is_digit(char c) { return c >= '0' && c <= '9'; }

  bool number() {
    if (peek() == '-') ++pos_;
    if (peek() == '0') {
      ++pos_;
    } else if (peek() >= '1' && peek() <= '9') {
      while (is_digit(peek())) ++pos_;
    } else {
      return false;
    }
    if (peek() == '.') {
      ++pos_;
      if (!is_digit(peek())) return false;
      while (is_digit(peek())) ++pos_;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!is_digit(peek())) return false;
      while (is_digit(peek())) ++pos_;
    }
    return true;
  }

  static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  // Reads 4 hex digits at pos_ (after "\u"); -1 if malformed.
  long hex4() {
    if (pos_ + 4 > text_.size()) return -1;
    long v = 0;
    for (int i = 0; i < 4; ++i) {
      const int h = hex(text_[pos_ + i]);
      if (h < 0) return -1;
      v = v * 16 + h;
    }
    pos_ += 4;
    return v;
  }

  bool string(std::string* out) {
    ++pos_;  // opening quote
    while (pos_ < text_.size()) {
      const auto c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20) return false;  // control characters must be escaped
      if (c == '\\') {
        ++pos_;
        if (at_end()) return false;
        const char e = text_[pos_++];
        char32_t r = 0;
        switch (e) {
          case '"': r = '"'; break;
          case '\\': r = '\\'; break;
          case '/': r = '/'; break;
          case 'b': r = '\b'; break;
          case 'f': r = '\f'; break;
          case 'n': r = '\n'; break;
          case 'r': r = '\r'; break;
          case 't': r = '\t'; break;
          case 'u': {
            const long v = hex4();
            if (v < 0) return false;
            r = static_cast<char32_t>(v);
            if (r >= 0xD800 && r < 0xDC00) {
              // A high surrogate combines with a following \uDC00-\uDFFF;
              // anything else leaves U+FFFD (Go's decoder).
              const std::size_t save = pos_;
              long low = -1;
              if (text_.substr(pos_, 2) == "\\u") {
                pos_ += 2;
                low = hex4();
              }
              if (low >= 0xDC00 && low < 0xE000) {
                r = 0x10000 + ((r - 0xD800) << 10) + (static_cast<char32_t>(low) - 0xDC00);
              } else {
                pos_ = save;
                r = utf8::kRuneError;
              }
            } else if (r >= 0xDC00 && r < 0xE000) {
              r = utf8::kRuneError;
            }
            break;
          }
          default:
            return false;
        }
        if (out != nullptr) utf8::append(*out, r);
        continue;
      }
      if (c < 0x80) {
        if (out != nullptr) out->push_back(static_cast<char>(c));
        ++pos_;
        continue;
      }
      const utf8::Rune r = utf8::decode(text_, pos_);
      if (out != nullptr) {
        if (r.value == utf8::kRuneError && r.width == 1) {
          utf8::append(*out, utf8::kRuneError);
        } else {
          out->append(text_.substr(pos_, r.width));
        }
      }
      pos_ += r.width;
    }
    return false;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

JsonArray parse_json_array(std::string_view text) {
  JsonArray result;
  if (text.empty() || text[0] != '[') return result;
  Reader reader(text);
  std::vector<std::string> strings;
  bool all_strings = true;
  if (!reader.array(1, &strings, &all_strings)) return result;
  reader.skip_ws();
  if (!reader.at_end()) return result;  // json.Unmarshal rejects trailing data
  if (!all_strings) {
    result.status = JsonArrayStatus::kNotStrings;
    return result;
  }
  result.status = JsonArrayStatus::kStrings;
  result.elements = std::move(strings);
  return result;
}

}  // namespace ballast::dockerfile::detail
