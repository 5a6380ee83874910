#include "python/setup_cfg.h"

#include <cctype>

#include "python/package_name.h"
#include "python/requirements_txt.h"

namespace ballast::python {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

void read_setup_cfg(std::string_view text, const std::string& display, Declarations& out) {
  out.files.push_back(display);
  std::string section;
  std::string key;  // the key whose value is being continued
  int line_no = 0;
  size_t pos = 0;
  auto add = [&](std::string_view value, int line) {
    value = trim(value);
    if (value.empty() || value.front() == '#' || value.front() == ';') return;
    bool extras = section == "options.extras_require";
    if (!(section == "options" && key == "install_requires") && !extras) return;
    if (value.rfind("file:", 0) == 0) {
      out.warnings.push_back({{display, line}, "'" + std::string(value) + "' is not followed (read that file directly)"});
      return;
    }
    Requirement r;
    r.location = {display, line};
    if (extras) {
      r.group = key;
      r.dev = is_dev_group_name(key);
    }
    std::string error = parse_pep508(value, r);
    if (!error.empty()) {
      out.warnings.push_back({r.location, "cannot parse requirement '" + std::string(value) + "': " + error});
      return;
    }
    out.requirements.push_back(std::move(r));
  };
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    std::string_view line = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string_view stripped = trim(line);
    if (stripped.empty() || stripped.front() == '#' || stripped.front() == ';') {
      // blank lines and comments do not end a multi-line value
    } else if (std::isspace(static_cast<unsigned char>(line.front()))) {
      if (!key.empty()) add(stripped, line_no);
    } else if (stripped.front() == '[' && stripped.back() == ']') {
      section = std::string(trim(stripped.substr(1, stripped.size() - 2)));
      key.clear();
    } else {
      size_t sep = stripped.find_first_of("=:");
      if (sep == std::string_view::npos) {
        key.clear();
      } else {
        key = std::string(trim(stripped.substr(0, sep)));
        add(stripped.substr(sep + 1), line_no);
      }
    }
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
}

}  // namespace ballast::python
