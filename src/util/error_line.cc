#include "util/error_line.h"

namespace ballast {

std::string error_line(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c == '\r') out += "\\r";
    else if (u < 0x20 || u == 0x7f) out += {'\\', 'x', kHex[u >> 4], kHex[u & 0xf]};
    else out += c;
  }
  return out;
}

}  // namespace ballast
