#include "image/registry/challenge.h"

#include <cctype>

namespace ballast::image::registry {
namespace {

bool token_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

}  // namespace

std::string Challenge::param(const std::string& name) const {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

std::optional<Challenge> parse_challenge(const std::string& header) {
  std::size_t i = 0, n = header.size();
  auto skip_space = [&] {
    while (i < n && (header[i] == ' ' || header[i] == '\t')) ++i;
  };
  skip_space();
  Challenge c;
  while (i < n && token_char(header[i])) c.scheme += lower(header[i++]);
  if (c.scheme.empty()) return std::nullopt;
  for (;;) {
    skip_space();
    while (i < n && header[i] == ',') {
      ++i;
      skip_space();
    }
    std::string name;
    while (i < n && token_char(header[i])) name += lower(header[i++]);
    skip_space();
    if (name.empty() || i >= n || header[i] != '=') {
      // A token without '=' begins the next challenge (or is token68): stop.
      break;
    }
    ++i;
    skip_space();
    std::string value;
    if (i < n && header[i] == '"') {
      for (++i; i < n && header[i] != '"'; ++i) {
        if (header[i] == '\\' && i + 1 < n) ++i;  // quoted-pair
        value += header[i];
      }
      if (i < n) ++i;
    } else {
      while (i < n && token_char(header[i])) value += header[i++];
    }
    c.params[name] = value;
  }
  return c;
}

}  // namespace ballast::image::registry
