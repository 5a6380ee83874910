#include "attribution/apk_db.h"

#include <charconv>

#include "attribution/bad_lines.h"
#include "attribution/path_util.h"
#include "attribution/text_lines.h"

namespace ballast::attribution {

std::vector<std::string> apk_names(std::string_view value) {
  std::vector<std::string> out;
  while (!value.empty()) {
    std::size_t space = value.find_first_of(" \t\n");
    std::string_view word = value.substr(0, space);
    value = space == std::string_view::npos ? std::string_view{} : value.substr(space + 1);
    if (word.empty() || word.front() == '!') continue;  // a conflict, not a dependency
    std::string_view name = word.substr(0, word.find_first_of("<>=~@"));
    if (!name.empty()) out.emplace_back(name);
  }
  return out;
}

ParsedDb parse_apk_installed(std::string_view text, const std::string& db_path) {
  ParsedDb out;
  BadLines bad(db_path);
  PackageFiles cur;
  std::string dir;
  bool have_dir = false;
  auto finish = [&] {
    if (!cur.info.name.empty()) {
      cur.info.manager = Manager::kApk;
      cur.info.database = db_path;
      out.packages.push_back(std::move(cur));
    }
    cur = PackageFiles{};
    dir.clear();
    have_dir = false;
  };
  for_each_line(text, [&](std::string_view line, int number) {
    if (line.empty()) {
      finish();
      return;
    }
    if (line.size() > kMaxLineLength || line.size() < 2 || line[1] != ':') {
      bad.add(number, "not a 'X:value' line");
      return;
    }
    char key = line[0];
    std::string_view value = line.substr(2);
    switch (key) {
      case 'P': cur.info.name = value; break;
      case 'V': cur.info.version = value; break;
      case 'A': cur.info.architecture = value; break;
      case 'L':
        if (!value.empty()) cur.info.licenses.emplace_back(value);
        break;
      case 'I': {
        std::uint64_t n = 0;
        auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
        if (ec == std::errc() && p == value.data() + value.size())
          cur.info.declared_size = n;
        else
          bad.add(number, "I: is not a number");
        break;
      }
      case 'F': {
        auto d = join_image_path("", value);
        if (!d) {
          bad.add(number, "F: is not a directory path");
          have_dir = false;
          break;
        }
        dir = std::move(*d);
        have_dir = true;
        break;
      }
      case 'R': {
        if (cur.info.name.empty()) {
          bad.add(number, "R: before P:");
          break;
        }
        auto p = join_image_path(have_dir ? dir : "", value);
        if (!p || value.find('/') != std::string_view::npos) {
          bad.add(number, "R: is not a file name");
          break;
        }
        cur.files.push_back(std::move(*p));
        break;
      }
      case 'D':
        for (auto& name : apk_names(value)) cur.info.depends.push_back({std::move(name)});
        break;
      case 'p':
        for (auto& name : apk_names(value)) cur.info.provides.push_back(std::move(name));
        break;
      default: break;  // checksums, permissions...
    }
  });
  finish();
  bad.flush(&out.warnings);
  return out;
}

}  // namespace ballast::attribution
