#include "lint/image_ref.h"

#include <cctype>

namespace ballast::lint {
namespace {

bool valid_path_component(std::string_view c) {
  if (c.empty()) return false;
  for (char ch : c) {
    if (!(std::islower(static_cast<unsigned char>(ch)) || std::isdigit(static_cast<unsigned char>(ch)) ||
          ch == '.' || ch == '_' || ch == '-')) {
      return false;
    }
  }
  return std::isalnum(static_cast<unsigned char>(c.front())) && std::isalnum(static_cast<unsigned char>(c.back()));
}

// [\w][\w.-]{0,127}
bool valid_tag(std::string_view t) {
  if (t.empty() || t.size() > 128) return false;
  auto word = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_'; };
  if (!word(t.front())) return false;
  for (char ch : t) {
    if (!word(ch) && ch != '.' && ch != '-') return false;
  }
  return true;
}

}  // namespace

std::string_view ImageRef::name() const {
  std::string_view r = repository;
  auto slash = r.rfind('/');
  return slash == std::string_view::npos ? r : r.substr(slash + 1);
}

std::optional<ImageRef> parse_image_ref(std::string_view text) {
  ImageRef ref;
  if (text.empty()) return std::nullopt;
  if (auto at = text.find('@'); at != std::string_view::npos) {
    ref.digest = std::string(text.substr(at + 1));
    text = text.substr(0, at);
    if (ref.digest.find(':') == std::string::npos) return std::nullopt;
  }
  auto slash = text.find('/');
  if (slash != std::string_view::npos) {
    std::string_view first = text.substr(0, slash);
    if (first.find('.') != std::string_view::npos || first.find(':') != std::string_view::npos ||
        first == "localhost") {
      ref.registry = std::string(first);
      text = text.substr(slash + 1);
    }
  }
  auto colon = text.rfind(':');
  if (colon != std::string_view::npos) {
    ref.tag = std::string(text.substr(colon + 1));
    text = text.substr(0, colon);
    if (!valid_tag(ref.tag)) return std::nullopt;
  }
  if (text.empty()) return std::nullopt;
  std::string_view rest = text;
  while (true) {
    auto s = rest.find('/');
    if (!valid_path_component(rest.substr(0, s))) return std::nullopt;
    if (s == std::string_view::npos) break;
    rest.remove_prefix(s + 1);
  }
  ref.repository = std::string(text);
  return ref;
}

}  // namespace ballast::lint
