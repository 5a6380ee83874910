#include "image/engine/engine_reference.h"

#include <regex>
#include <string>

namespace ballast::image::engine {

bool is_image_id(std::string_view text) {
  if (text.starts_with("sha256:")) {
    text.remove_prefix(7);
    if (text.size() != 64) return false;
  }
  if (text.size() < 12 || text.size() > 64) return false;
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

bool is_engine_reference(std::string_view text) {
  if (is_image_id(text)) return true;
  // distribution/reference's grammar, written out (regexp.go):
  //   domain    := host (":" port)?   host: [a-zA-Z0-9-]+ labels joined by "."
  //   component := [a-z0-9]+ ((\.|_|__|-+) [a-z0-9]+)*
  //   tag       := [\w][\w.-]{0,127}
  //   digest    := [A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}
  static const std::regex kReference(
      R"(((?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?/)?)"
      R"([a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*)"
      R"((?::[\w][\w.-]{0,127})?)"
      R"((?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?)");
  if (text.size() > 255 + 128 + 200) return false;
  return std::regex_match(std::string(text), kReference);
}

}  // namespace ballast::image::engine
