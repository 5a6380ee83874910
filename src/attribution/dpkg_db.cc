#include "attribution/dpkg_db.h"

#include <algorithm>
#include <charconv>

#include "attribution/bad_lines.h"
#include "attribution/path_util.h"
#include "attribution/text_lines.h"

namespace ballast::attribution {
namespace {

bool installed(std::string_view status) {
  // "want flag state": only these states have files on disk.
  std::size_t last = status.rfind(' ');
  std::string_view state = last == std::string_view::npos ? status : status.substr(last + 1);
  return state == "installed" || state == "half-configured" || state == "unpacked" ||
         state == "triggers-awaited" || state == "triggers-pending" || state == "half-installed";
}

void append(std::vector<std::vector<std::string>>& to, std::vector<std::vector<std::string>> from) {
  for (auto& g : from) to.push_back(std::move(g));
}

// "libc6:amd64 (>= 2.34)" -> "libc6".
std::string relation_name(std::string_view alt) {
  alt = trim(alt);
  std::size_t end = alt.find_first_of(" \t(:[<");
  return std::string(alt.substr(0, end));
}

}  // namespace

std::vector<std::vector<std::string>> parse_dpkg_relations(std::string_view value) {
  std::vector<std::vector<std::string>> groups;
  while (!value.empty()) {
    std::size_t comma = value.find(',');
    std::string_view group = value.substr(0, comma);
    value = comma == std::string_view::npos ? std::string_view{} : value.substr(comma + 1);
    std::vector<std::string> alts;
    while (true) {
      std::size_t bar = group.find('|');
      std::string name = relation_name(group.substr(0, bar));
      if (!name.empty()) alts.push_back(std::move(name));
      if (bar == std::string_view::npos) break;
      group = group.substr(bar + 1);
    }
    if (!alts.empty()) groups.push_back(std::move(alts));
  }
  return groups;
}

std::vector<std::string> parse_apt_auto_installed(std::string_view text) {
  std::vector<std::string> out;
  std::string name;
  bool is_auto = false;
  auto finish = [&] {
    if (!name.empty() && is_auto) out.push_back(name);
    name.clear();
    is_auto = false;
  };
  for_each_line(text, [&](std::string_view line, int) {
    if (trim(line).empty()) return finish();
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || line.size() > kMaxLineLength) return;
    std::string_view field = line.substr(0, colon);
    std::string_view value = trim(line.substr(colon + 1));
    if (field == "Package") name = value;
    else if (field == "Auto-Installed") is_auto = value == "1";
  });
  finish();
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

ParsedDb parse_dpkg_status(std::string_view text, const std::string& db_path) {
  ParsedDb out;
  BadLines bad(db_path);
  PackageFiles cur;
  std::string status;
  bool have_status = false;
  bool in_paragraph = false;
  auto finish = [&] {
    if (in_paragraph && !cur.info.name.empty() && (!have_status || installed(status))) {
      cur.info.manager = Manager::kDpkg;
      if (status.starts_with("hold ")) cur.info.essential = true;  // apt never autoremoves a hold
      cur.info.database = db_path;
      out.packages.push_back(std::move(cur));
    }
    cur = PackageFiles{};
    status.clear();
    have_status = false;
    in_paragraph = false;
  };
  for_each_line(text, [&](std::string_view line, int number) {
    if (line.size() > kMaxLineLength) {
      bad.add(number, "line longer than 64 KiB");
      return;
    }
    if (trim(line).empty()) {
      finish();
      return;
    }
    if (line.front() == ' ' || line.front() == '\t') return;  // continuation (Description, Conffiles)
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      bad.add(number, "not a 'Field: value' line");
      return;
    }
    in_paragraph = true;
    std::string_view field = line.substr(0, colon);
    std::string_view value = trim(line.substr(colon + 1));
    if (field == "Package") {
      cur.info.name = value;
    } else if (field == "Status") {
      status = value;
      have_status = true;
    } else if (field == "Version") {
      cur.info.version = value;
    } else if (field == "Section") {
      cur.info.section = value;
    } else if (field == "Priority") {
      cur.info.priority = value;
    } else if (field == "Architecture") {
      cur.info.architecture = value;
    } else if (field == "Depends" || field == "Pre-Depends") {
      append(cur.info.depends, parse_dpkg_relations(value));
    } else if (field == "Recommends" || field == "Suggests") {
      append(cur.info.weak_depends, parse_dpkg_relations(value));
    } else if (field == "Provides") {
      for (auto& group : parse_dpkg_relations(value))
        for (auto& name : group) cur.info.provides.push_back(std::move(name));
    } else if (field == "Essential" || field == "Protected" || field == "Important") {
      if (value == "yes") cur.info.essential = true;
    } else if (field == "Installed-Size") {
      std::uint64_t kib = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), kib);
      if (ec == std::errc() && p == value.data() + value.size() && kib < (std::uint64_t{1} << 50))
        cur.info.declared_size = kib * 1024;
      else
        bad.add(number, "Installed-Size is not a number");
    }
  });
  finish();
  bad.flush(&out.warnings);
  return out;
}

std::vector<std::string> parse_dpkg_list(std::string_view text, const std::string& db_path,
                                         std::vector<std::string>* warnings) {
  std::vector<std::string> paths;
  BadLines bad(db_path);
  for_each_line(text, [&](std::string_view line, int number) {
    if (line.empty()) return;
    if (line.size() > kMaxLineLength || line.front() != '/' || line.find('\0') != std::string_view::npos) {
      bad.add(number, "not an absolute path");
      return;
    }
    if (line == "/." || line == "/") return;
    if (auto p = join_image_path("", line)) paths.push_back(std::move(*p));
  });
  bad.flush(warnings);
  return paths;
}

std::vector<std::string> parse_dpkg_md5sums(std::string_view text, const std::string& db_path,
                                            std::vector<std::string>* warnings) {
  std::vector<std::string> paths;
  BadLines bad(db_path);
  for_each_line(text, [&](std::string_view line, int number) {
    if (line.empty()) return;
    std::size_t sep = line.find("  ");
    if (line.size() > kMaxLineLength || sep == std::string_view::npos || sep + 2 >= line.size()) {
      bad.add(number, "not '<md5>  <path>'");
      return;
    }
    if (auto p = join_image_path("", line.substr(sep + 2))) paths.push_back(std::move(*p));
  });
  bad.flush(warnings);
  return paths;
}

std::string dpkg_package_of_list(std::string_view list_path) {
  std::string_view name = base_name(list_path);
  if (name.ends_with(".list")) name.remove_suffix(5);
  if (name.ends_with(".md5sums")) name.remove_suffix(8);
  std::size_t colon = name.find(':');
  if (colon != std::string_view::npos) name = name.substr(0, colon);
  return std::string(name);
}

}  // namespace ballast::attribution
