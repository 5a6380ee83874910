#include "report/json_writer.h"

#include <utility>
#include <vector>

#include "util/hex.h"
#include "util/utf8.h"

namespace ballast::report {
namespace {

using nlohmann::json;

// An invalid byte decodes as U+FFFD with width 1 (a real U+FFFD has width 3).
bool valid_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    utf8::Rune r = utf8::decode(s, i);
    if (r.value == utf8::kRuneError && r.width == 1) return false;
    i += r.width;
  }
  return true;
}

std::string replace_invalid(const std::string& s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (std::size_t i = 0; i < s.size();) {
    utf8::Rune r = utf8::decode(s, i);
    if (r.value == utf8::kRuneError && r.width == 1)
      utf8::append(out, utf8::kRuneError);
    else
      out.append(s, i, r.width);
    i += r.width;
  }
  return out;
}

// Escapes `s` in place when it is invalid; returns the hex of its original bytes, or null.
json escape_string(json& s) {
  const std::string& text = s.get_ref<const std::string&>();
  if (valid_utf8(text)) return nullptr;
  std::string bytes = hex_encode(reinterpret_cast<const unsigned char*>(text.data()), text.size());
  s = replace_invalid(text);
  return bytes;
}

void escape_value(json& j);

void escape_object(json& object) {
  std::vector<std::pair<std::string, json>> added;
  for (auto it = object.begin(); it != object.end(); ++it) {
    json& v = it.value();
    if (v.is_string()) {
      json bytes = escape_string(v);
      if (!bytes.is_null()) added.emplace_back(it.key() + "_bytes", std::move(bytes));
    } else if (v.is_array()) {
      json bytes = json::array();
      bool any = false;
      for (json& e : v) {
        json b = e.is_string() ? escape_string(e) : json(nullptr);
        any = any || !b.is_null();
        bytes.push_back(std::move(b));
        if (!e.is_string()) escape_value(e);
      }
      if (any) added.emplace_back(it.key() + "_bytes", std::move(bytes));
    } else {
      escape_value(v);
    }
  }
  for (auto& [key, bytes] : added) object[key] = std::move(bytes);
}

void escape_value(json& j) {
  if (j.is_object()) {
    escape_object(j);
  } else if (j.is_array()) {
    for (json& e : j) escape_value(e);  // strings directly in nested arrays: replaced, no _bytes
  } else if (j.is_string()) {
    escape_string(j);
  }
}

}  // namespace

void escape_invalid_utf8(nlohmann::json& doc) { escape_value(doc); }

std::string json_text(nlohmann::json doc) {
  escape_invalid_utf8(doc);
  // Object keys are ballast's own names; replace is a net for any that are not.
  return doc.dump(2, ' ', false, json::error_handler_t::replace);
}

void write_json(nlohmann::json doc, std::ostream& out) { out << json_text(std::move(doc)) << '\n'; }

}  // namespace ballast::report
