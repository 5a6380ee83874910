#include "util/c_quote.h"

#include <cstdio>

#include "util/utf8.h"

namespace ballast {
namespace {

// Bytes [pos, pos+width) as they may stand unquoted; width 0 for an escape.
bool plain_at(std::string_view s, std::size_t pos, std::size_t* width) {
  unsigned char c = static_cast<unsigned char>(s[pos]);
  *width = 1;
  if (c < 0x80) return c >= 0x20 && c != 0x7f && c != '"' && c != '\\';
  utf8::Rune r = utf8::decode(s, pos);
  // An invalid byte decodes as U+FFFD of width 1; a real U+FFFD is 3 bytes.
  if (r.value == utf8::kRuneError && r.width == 1) return false;
  if (r.value >= 0x80 && r.value <= 0x9f) return false;  // C1 controls
  *width = r.width;
  return true;
}

void escape_byte(std::string& out, unsigned char c) {
  switch (c) {
    case '\a': out += "\\a"; return;
    case '\b': out += "\\b"; return;
    case '\t': out += "\\t"; return;
    case '\n': out += "\\n"; return;
    case '\v': out += "\\v"; return;
    case '\f': out += "\\f"; return;
    case '\r': out += "\\r"; return;
    case '"': out += "\\\""; return;
    case '\\': out += "\\\\"; return;
    default: {
      char buf[5];
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      out += buf;
    }
  }
}

}  // namespace

std::string c_quote_name(std::string_view name) {
  bool needs = false;
  for (std::size_t i = 0, w = 0; i < name.size() && !needs; i += w) needs = !plain_at(name, i, &w);
  if (!needs) return std::string(name);
  std::string out = "\"";
  for (std::size_t i = 0, w = 0; i < name.size(); i += w) {
    if (plain_at(name, i, &w)) {
      out.append(name.substr(i, w));
    } else {
      // A C1 control is 2 bytes, both escaped.
      std::size_t n = w;
      for (std::size_t k = 0; k < n; ++k) escape_byte(out, static_cast<unsigned char>(name[i + k]));
    }
  }
  return out + "\"";
}

}  // namespace ballast
