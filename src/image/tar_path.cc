#include "image/tar_path.h"

namespace ballast::image {

std::optional<std::string> clean_tar_path(std::string_view name, std::string* why) {
  if (!name.empty() && name.front() == '/') {
    *why = "absolute path";
    return std::nullopt;
  }
  std::string out;
  out.reserve(name.size());
  std::size_t i = 0;
  while (i <= name.size()) {
    std::size_t slash = name.find('/', i);
    if (slash == std::string_view::npos) slash = name.size();
    std::string_view part = name.substr(i, slash - i);
    if (part == "..") {
      *why = "path escapes the root (..)";
      return std::nullopt;
    }
    if (!part.empty() && part != ".") {
      if (!out.empty()) out.push_back('/');
      out.append(part);
    }
    i = slash + 1;
  }
  return out;
}

std::string_view parent_path(std::string_view path) {
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

std::string_view base_name(std::string_view path) {
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace ballast::image
