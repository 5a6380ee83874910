#include "dockerfile/dump.h"

#include "dockerfile/unicode.h"

namespace ballast::dockerfile {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// unicode.IsPrint beyond ASCII: everything but separators other than ' ',
// controls, format characters, private use and noncharacters. (Go also
// escapes unassigned code points; ballast does not carry Unicode's
// assignment tables, so those print as-is.)
bool is_print(char32_t r) {
  if (r < 0x80) return r >= 0x20 && r < 0x7F;
  if (r <= 0xA0 || r == 0xAD) return false;
  if (r == 0x061C || r == 0x180E || r == 0x1680) return false;
  if ((r >= 0x2000 && r <= 0x200F) || (r >= 0x2028 && r <= 0x202F) || (r >= 0x205F && r <= 0x206F)) return false;
  if (r == 0x3000 || r == 0xFEFF || (r >= 0xFFF9 && r <= 0xFFFB)) return false;
  if (r >= 0xE000 && r <= 0xF8FF) return false;           // private use
  if (r >= 0xFDD0 && r <= 0xFDEF) return false;           // noncharacters
  if ((r & 0xFFFE) == 0xFFFE) return false;               // U+xxFFFE / U+xxFFFF
  if (r == 0x110BD || r == 0x110CD || (r >= 0x1BCA0 && r <= 0x1BCA3)) return false;
  if ((r >= 0x1D173 && r <= 0x1D17A) || r == 0xE0001 || (r >= 0xE0020 && r <= 0xE007F)) return false;
  if (r >= 0xF0000) return false;                         // supplementary private use
  return true;
}

void append_hex(std::string& out, char32_t v, int digits) {
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out.push_back(kHex[(v >> shift) & 0xF]);
}

void append_instruction(std::string& out, const Instruction& inst) {
  std::string body = inst.keyword;
  if (!inst.flags.empty()) {
    body += " [";
    for (std::size_t i = 0; i < inst.flags.size(); ++i) {
      if (i > 0) body += ' ';
      body += go_quote(inst.flags[i]);
    }
    body += ']';
  }
  if (inst.onbuild) {
    body += " (";
    append_instruction(body, *inst.onbuild);
    body += ')';
  } else if (!is_known_keyword(inst.keyword)) {
    body += " \"\"";  // BuildKit's parseIgnore leaves one empty node
  } else {
    for (const std::string& arg : inst.args) {
      body += ' ';
      body += go_quote(arg);
    }
  }
  // Node.Dump trims: an empty keyword leaves no leading blank.
  std::size_t start = 0;
  while (start < body.size() && body[start] == ' ') ++start;
  out.append(body, start, std::string::npos);
}

}  // namespace

std::string go_quote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('"');
  for (std::size_t pos = 0; pos < s.size();) {
    const unicode::Rune r = unicode::decode(s, pos);
    if (r.value == unicode::kRuneError && r.width == 1) {
      out += "\\x";
      append_hex(out, static_cast<unsigned char>(s[pos]), 2);
      pos += 1;
      continue;
    }
    const char32_t c = r.value;
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (is_print(c)) {
      out.append(s.substr(pos, r.width));
    } else {
      switch (c) {
        case '\a': out += "\\a"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\v': out += "\\v"; break;
        default:
          if (c < ' ' || c == 0x7F) {
            out += "\\x";
            append_hex(out, c, 2);
          } else if (c < 0x10000) {
            out += "\\u";
            append_hex(out, c, 4);
          } else {
            out += "\\U";
            append_hex(out, c, 8);
          }
      }
    }
    pos += r.width;
  }
  out.push_back('"');
  return out;
}

std::string dump_instruction(const Instruction& inst) {
  std::string out = "(";
  append_instruction(out, inst);
  out += ')';
  return out;
}

std::string dump(const ParsedDockerfile& parsed) {
  std::string out;
  for (const Instruction& inst : parsed.instructions) {
    out += dump_instruction(inst);
    out += '\n';
  }
  return out;
}

}  // namespace ballast::dockerfile
