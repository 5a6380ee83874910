#include "dockerfile/instruction.h"

#include <array>

#include "util/go_text.h"
#include "util/utf8.h"

namespace ballast::dockerfile {
namespace {

// "--name" or "--name=value" -> value ("" when bare); nullopt for other flags.
std::optional<std::string> match_flag(const std::string& flag, std::string_view name) {
  std::string_view f = flag;
  if (f.substr(0, 2) != "--") return std::nullopt;
  f.remove_prefix(2);
  if (f.substr(0, name.size()) != name) return std::nullopt;
  f.remove_prefix(name.size());
  if (f.empty()) return std::string();
  if (f[0] != '=') return std::nullopt;
  return std::string(f.substr(1));
}

}  // namespace

std::optional<std::string> flag_value(const Instruction& inst, std::string_view name) {
  for (const std::string& flag : inst.flags) {
    if (auto v = match_flag(flag, name)) return v;
  }
  return std::nullopt;
}

std::vector<std::string> flag_values(const Instruction& inst, std::string_view name) {
  std::vector<std::string> values;
  for (const std::string& flag : inst.flags) {
    if (auto v = match_flag(flag, name)) values.push_back(std::move(*v));
  }
  return values;
}

bool flag_bool(const Instruction& inst, std::string_view name) {
  const std::optional<std::string> v = flag_value(inst, name);
  if (!v) return false;
  // BuildKit's BFlags accept "", "true" and "false" (case-insensitive).
  return go_text::ascii_lower(*v) != "false";
}

std::vector<KeyValue> key_values(const Instruction& inst) {
  std::vector<KeyValue> out;
  const Instruction& e = effective(inst);
  if (e.keyword == "env" || e.keyword == "label") {
    // args are triples key, value, sep; sep "" marks the legacy form.
    for (std::size_t i = 0; i + 2 < e.args.size(); i += 3) {
      out.push_back(KeyValue{e.args[i], e.args[i + 1], e.args[i + 2].empty()});
    }
  } else if (e.keyword == "arg") {
    for (const std::string& word : e.args) {
      const std::size_t eq = word.find('=');
      if (eq == std::string::npos) {
        out.push_back(KeyValue{word, std::nullopt, false});
      } else {
        out.push_back(KeyValue{word.substr(0, eq), word.substr(eq + 1), false});
      }
    }
  }
  return out;
}

const Instruction& effective(const Instruction& inst) {
  return inst.keyword == "onbuild" && inst.onbuild ? *inst.onbuild : inst;
}

bool is_known_keyword(std::string_view lower_keyword) {
  static constexpr std::array<std::string_view, 18> kKeywords = {
      "add",    "arg",        "cmd",        "copy", "entrypoint", "env",  "expose",  "from",   "healthcheck",
      "label",  "maintainer", "onbuild",    "run",  "shell",      "stopsignal", "user", "volume", "workdir"};
  for (std::string_view k : kKeywords) {
    if (k == lower_keyword) return true;
  }
  return false;
}

}  // namespace ballast::dockerfile
