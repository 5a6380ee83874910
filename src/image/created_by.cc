#include "image/created_by.h"

namespace ballast::image {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool consume(std::string_view& s, std::string_view prefix) {
  if (!s.starts_with(prefix)) return false;
  s.remove_prefix(prefix.size());
  return true;
}

}  // namespace

std::string instruction_from_created_by(std::string_view s) {
  s = trim(s);
  if (s.ends_with("# buildkit")) s = trim(s.substr(0, s.size() - 10));
  std::string_view rest = s;
  if (consume(rest, "/bin/sh -c #(nop) ")) return std::string(trim(rest));
  if (consume(rest, "/bin/sh -c ")) return "RUN " + std::string(trim(rest));
  rest = s;
  if (consume(rest, "RUN /bin/sh -c ")) return "RUN " + std::string(trim(rest));
  return std::string(s);
}

}  // namespace ballast::image
