#include "dockerfile/mount.h"

#include "util/go_text.h"
#include "util/utf8.h"
#include "util/error.h"

namespace ballast::dockerfile {
namespace {

// encoding/csv, one record: fields split on ',', a field starting with '"'
// is quoted ("" inside is a literal quote).
std::vector<std::string> csv_fields(std::string_view spec) {
  std::vector<std::string> fields;
  std::size_t pos = 0;
  for (;;) {
    std::string field;
    if (pos < spec.size() && spec[pos] == '"') {
      ++pos;
      for (;;) {
        if (pos >= spec.size()) throw ballast::InputError("--mount=" + std::string(spec) + ": unterminated quote");
        if (spec[pos] == '"') {
          if (pos + 1 < spec.size() && spec[pos + 1] == '"') {
            field.push_back('"');
            pos += 2;
            continue;
          }
          ++pos;
          break;
        }
        field.push_back(spec[pos++]);
      }
      if (pos < spec.size() && spec[pos] != ',') {
        throw ballast::InputError("--mount=" + std::string(spec) + ": extraneous text after a quoted field");
      }
    } else {
      const std::size_t comma = spec.find(',', pos);
      const std::size_t end = comma == std::string_view::npos ? spec.size() : comma;
      field.assign(spec.substr(pos, end - pos));
      pos = end;
    }
    fields.push_back(std::move(field));
    if (pos >= spec.size()) break;
    ++pos;  // ','
  }
  return fields;
}

bool parse_bool(std::string_view key, std::string_view value, bool has_value) {
  if (!has_value) return true;
  const std::string v = go_text::ascii_lower(value);
  if (v == "true" || v == "1" || v == "t") return true;
  if (v == "false" || v == "0" || v == "f") return false;
  throw ballast::InputError("--mount: invalid value for " + std::string(key) + ": " + std::string(value));
}

}  // namespace

Mount parse_mount(std::string_view spec) {
  Mount m;
  for (const std::string& field : csv_fields(spec)) {
    const std::size_t eq = field.find('=');
    const std::string key = go_text::ascii_lower(field.substr(0, eq));
    const bool has_value = eq != std::string::npos;
    const std::string value = has_value ? field.substr(eq + 1) : std::string();
    if (key == "type") {
      const std::string t = go_text::ascii_lower(value);
      if (t != "bind" && t != "cache" && t != "tmpfs" && t != "secret" && t != "ssh") {
        throw ballast::InputError("--mount: unsupported mount type \"" + value + "\"");
      }
      m.type = t;
    } else if (key == "target" || key == "dst" || key == "destination") {
      m.target = value;
    } else if (key == "source" || key == "src") {
      m.source = value;
    } else if (key == "from") {
      m.from = value;
    } else if (key == "id") {
      m.id = value;
    } else if (key == "sharing") {
      m.sharing = value;
    } else if (key == "readonly" || key == "ro") {
      m.readonly = parse_bool(key, value, has_value);
    } else if (key == "readwrite" || key == "rw") {
      m.readonly = !parse_bool(key, value, has_value);
    } else if (key == "required") {
      m.required = parse_bool(key, value, has_value);
    } else if (key == "mode") {
      m.mode = value;
    } else if (key == "uid") {
      m.uid = value;
    } else if (key == "gid") {
      m.gid = value;
    } else if (key == "env") {
      m.env = value;
    } else if (key == "size") {
      m.size = value;
    } else if (!key.empty()) {
      m.extra.emplace_back(key, value);
    }
  }
  return m;
}

std::vector<Mount> mounts(const Instruction& inst) {
  std::vector<Mount> out;
  for (const std::string& spec : flag_values(effective(inst), "mount")) out.push_back(parse_mount(spec));
  return out;
}

}  // namespace ballast::dockerfile
