#include "report/html_escape.h"

#include "util/utf8.h"

namespace ballast::report {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  std::size_t pos = 0;
  while (pos < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[pos]);
    if (c < 0x80) {
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default:
          if (c < 0x20) utf8::append(out, 0x2400 + c);
          else if (c == 0x7f) utf8::append(out, 0x2421);
          else out += static_cast<char>(c);
      }
      ++pos;
      continue;
    }
    const utf8::Rune r = utf8::decode(text, pos);
    // decode() reports an invalid byte as U+FFFD of width 1; a real U+FFFD
    // in the input is 3 bytes wide and is copied as it is.
    if (r.value == utf8::kRuneError && r.width == 1) utf8::append(out, utf8::kRuneError);
    else out.append(text.substr(pos, r.width));
    pos += r.width;
  }
  return out;
}

std::string script_json(const nlohmann::json& doc) {
  const std::string text = doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size() + 64);
  // <, > and & occur only inside strings (they are no JSON syntax), where
  // \uXXXX means the same character.
  for (char c : text) {
    switch (c) {
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace ballast::report
