#include "image/tar_path.h"

#include <algorithm>

#include "util/limits.h"

namespace ballast::image {
namespace {

// Appends the components of `name` to `out` (a cleaned path), lexically, the
// way Go's path.Clean does. Returns false when a ".." finds nothing to pop
// and `clamp` is false; with `clamp`, such a ".." stays at the root.
bool append_components(std::string& out, std::string_view name, bool clamp) {
  std::size_t i = 0;
  while (i <= name.size()) {
    std::size_t slash = name.find('/', i);
    if (slash == std::string_view::npos) slash = name.size();
    std::string_view part = name.substr(i, slash - i);
    if (part == "..") {
      if (out.empty()) {
        if (!clamp) return false;
      } else {
        auto cut = out.rfind('/');
        out.resize(cut == std::string::npos ? 0 : cut);
      }
    } else if (!part.empty() && part != ".") {
      if (!out.empty()) out.push_back('/');
      out.append(part);
    }
    i = slash + 1;
  }
  return true;
}

}  // namespace

std::optional<std::string> clean_tar_path(std::string_view name, std::string* why) {
  if (name.find('\0') != std::string_view::npos) {
    *why = "name holds a NUL byte";
    return std::nullopt;
  }
  if (name.size() > limits::kMaxPathBytes) {
    *why = "name is " + std::to_string(name.size()) + " bytes, more than " +
           std::to_string(limits::kMaxPathBytes) + " (see docs/limits.md)";
    return std::nullopt;
  }
  std::string out;
  out.reserve(name.size());
  if (!append_components(out, name, /*clamp=*/false)) {
    *why = "path escapes the root (..)";
    return std::nullopt;
  }
  std::size_t depth = out.empty() ? 0 : 1 + static_cast<std::size_t>(std::count(out.begin(), out.end(), '/'));
  if (depth > limits::kMaxPathDepth) {
    *why = "path is " + std::to_string(depth) + " components deep, more than " +
           std::to_string(limits::kMaxPathDepth) + " (see docs/limits.md)";
    return std::nullopt;
  }
  return out;
}

std::string resolve_link_target(std::string_view link_dir, std::string_view target) {
  std::string out;
  if (target.empty() || target.front() != '/') append_components(out, link_dir, /*clamp=*/true);
  append_components(out, target, /*clamp=*/true);
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
