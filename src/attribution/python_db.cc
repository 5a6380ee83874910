#include "attribution/python_db.h"

#include <charconv>

#include "attribution/bad_lines.h"
#include "attribution/text_lines.h"

namespace ballast::attribution {
namespace {

// One CSV record (RFC 4180 quoting) from `text` at `pos`; false on an
// unterminated quote. Advances pos past the record's line end.
bool next_csv_record(std::string_view text, std::size_t& pos, std::vector<std::string>& fields) {
  fields.clear();
  std::string field;
  bool quoted = false;
  bool at_field_start = true;
  while (pos < text.size()) {
    char c = text[pos++];
    if (quoted) {
      if (c == '"') {
        if (pos < text.size() && text[pos] == '"') {
          field += '"';
          ++pos;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"' && at_field_start) {
      quoted = true;
      at_field_start = false;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      at_field_start = true;
    } else if (c == '\n') {
      break;
    } else if (c != '\r') {
      field += c;
      at_field_start = false;
    }
  }
  if (quoted) return false;
  fields.push_back(std::move(field));
  return true;
}

}  // namespace

std::vector<RecordRow> parse_record(std::string_view text, const std::string& db_path,
                                    std::vector<std::string>* warnings) {
  std::vector<RecordRow> rows;
  BadLines bad(db_path);
  std::size_t pos = 0;
  int line = 0;
  std::vector<std::string> fields;
  while (pos < text.size()) {
    std::size_t start = pos;
    ++line;
    if (!next_csv_record(text, pos, fields)) {
      bad.add(line, "unterminated quoted field");
      break;
    }
    if (pos - start > kMaxLineLength) {
      bad.add(line, "row longer than 64 KiB");
      continue;
    }
    if (fields.size() == 1 && fields[0].empty()) continue;
    if (fields.size() != 3 || fields[0].empty()) {
      bad.add(line, "not 'path,hash,size'");
      continue;
    }
    RecordRow row{std::move(fields[0]), std::nullopt};
    const std::string& s = fields[2];
    if (!s.empty()) {
      std::uint64_t n = 0;
      auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
      if (ec == std::errc() && p == s.data() + s.size()) row.size = n;
      else bad.add(line, "size is not a number");
    }
    rows.push_back(std::move(row));
  }
  bad.flush(warnings);
  return rows;
}

CoreMetadata parse_core_metadata(std::string_view text) {
  CoreMetadata md;
  bool stop = false;
  for_each_line(text, [&](std::string_view line, int) {
    if (stop) return;
    if (line.empty()) {
      stop = true;  // the body (long description) follows
      return;
    }
    if (line.front() == ' ' || line.front() == '\t' || line.size() > kMaxLineLength) return;
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return;
    std::string_view field = line.substr(0, colon);
    std::string_view value = trim(line.substr(colon + 1));
    if (field == "Name") md.name = value;
    else if (field == "Version") md.version = value;
    else if (field == "Requires-Dist") md.requires_dist.emplace_back(value);
    else if (field == "License-Expression") md.license_expression = value;
    else if (field == "License") md.license = value;
    else if (field == "Classifier" && value.starts_with("License ::")) md.license_classifiers.emplace_back(value);
  });
  return md;
}

std::vector<std::string> CoreMetadata::licenses() const {
  if (!license_expression.empty()) return {license_expression};
  // Many projects put the whole license text in License; only a name is a
  // license name (its first line survives, continuation lines are skipped).
  if (!license.empty() && license.size() <= 100 && license != "UNKNOWN" && license != "UNKNOWN.") return {license};
  std::vector<std::string> out;
  for (const auto& c : license_classifiers) {
    std::size_t last = c.rfind("::");
    std::string_view tail = trim(std::string_view(c).substr(last + 2));
    // "License :: OSI Approved" alone names no license.
    if (!tail.empty() && tail != "OSI Approved") out.emplace_back(tail);
  }
  return out;
}

std::pair<std::string, std::string> split_dist_dir_name(std::string_view dir_name) {
  for (std::string_view suffix : {".dist-info", ".egg-info"})
    if (dir_name.ends_with(suffix)) dir_name.remove_suffix(suffix.size());
  // Names are escaped with "_" for "-" in dist-info dirs, so the first "-"
  // separates name and version (egg-info may also append "-py3.11").
  std::size_t dash = dir_name.find('-');
  if (dash == std::string_view::npos) return {std::string(dir_name), ""};
  std::string_view version = dir_name.substr(dash + 1);
  std::size_t py = version.find("-py");
  if (py != std::string_view::npos) version = version.substr(0, py);
  return {std::string(dir_name.substr(0, dash)), std::string(version)};
}

std::string normalize_dist_name(std::string_view name) {
  std::string out;
  bool sep = false;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      sep = true;
      continue;
    }
    if (sep && !out.empty()) out += '-';
    sep = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

}  // namespace ballast::attribution
