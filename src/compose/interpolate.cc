#include "compose/interpolate.h"

#include <cctype>

#include "util/error.h"

namespace ballast::compose {
namespace {

bool name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The end of the `${...}` that starts at text[open] == '{' (its matching '}').
std::size_t closing_brace(std::string_view text, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < text.size(); ++i) {
    if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '$') {
      ++i;
      continue;
    }
    if (text[i] == '{') ++depth;
    if (text[i] == '}' && --depth == 0) return i;
  }
  return std::string_view::npos;
}

std::string braced(std::string_view body, const Environment& env, const std::string& where,
                   std::string_view whole) {
  std::size_t n = 0;
  while (n < body.size() && name_char(body[n])) ++n;
  if (n == 0 || !name_start(body[0])) {
    throw InputError(where + ": invalid interpolation format for \"" + std::string(whole) + "\"");
  }
  std::string name(body.substr(0, n));
  std::string_view rest = body.substr(n);
  auto it = env.find(name);
  bool set = it != env.end();
  bool nonempty = set && !it->second.empty();
  if (rest.empty()) return set ? it->second : std::string();
  bool colon = rest[0] == ':';
  if (colon) rest.remove_prefix(1);
  if (rest.empty()) throw InputError(where + ": invalid interpolation format for \"" + std::string(whole) + "\"");
  char op = rest[0];
  std::string_view arg = rest.substr(1);
  bool ok = colon ? nonempty : set;
  switch (op) {
    case '-':
      return ok ? it->second : interpolate(arg, env, where);
    case '+':
      return ok ? interpolate(arg, env, where) : std::string();
    case '?':
      if (ok) return it->second;
      throw InputError(where + ": required variable " + name + " is missing a value" +
                       (arg.empty() ? std::string() : ": " + interpolate(arg, env, where)));
    default:
      throw InputError(where + ": invalid interpolation format for \"" + std::string(whole) + "\"");
  }
}

}  // namespace

std::string interpolate(std::string_view text, const Environment& env, const std::string& where) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c != '$') {
      out += c;
      continue;
    }
    if (i + 1 >= text.size()) throw InputError(where + ": invalid interpolation format: a lone '$' at the end");
    char next = text[i + 1];
    if (next == '$') {
      out += '$';
      ++i;
    } else if (next == '{') {
      std::size_t close = closing_brace(text, i + 1);
      if (close == std::string_view::npos) {
        throw InputError(where + ": invalid interpolation format: unterminated \"" + std::string(text.substr(i)) +
                         "\"");
      }
      out += braced(text.substr(i + 2, close - i - 2), env, where, text.substr(i, close - i + 1));
      i = close;
    } else if (name_start(next)) {
      std::size_t j = i + 1;
      while (j < text.size() && name_char(text[j])) ++j;
      auto it = env.find(text.substr(i + 1, j - i - 1));
      if (it != env.end()) out += it->second;
      i = j - 1;
    } else {
      throw InputError(where + ": invalid interpolation format: '$" + std::string(1, next) +
                       "' (write $$ for a literal $)");
    }
  }
  return out;
}

void interpolate_tree(Node& node, const Environment& env) {
  switch (node.kind) {
    case Node::Kind::kScalar:
      if (node.raw.find('$') != std::string::npos) node.scalar = interpolate(node.raw, env, node.where());
      break;
    case Node::Kind::kSeq:
      for (auto& n : node.seq) interpolate_tree(n, env);
      break;
    case Node::Kind::kMap:
      for (auto& [k, v] : node.map) interpolate_tree(v, env);
      break;
    case Node::Kind::kNull:
      break;
  }
}

Environment parse_env_file(const std::string& text, const std::string& file) {
  Environment env;
  std::size_t pos = 0;
  int line = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string l = text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? text.size() + 1 : nl + 1;
    ++line;
    if (!l.empty() && l.back() == '\r') l.pop_back();
    auto first = l.find_first_not_of(" \t");
    if (first == std::string::npos || l[first] == '#') continue;
    l = l.substr(first);
    if (l.starts_with("export ")) l = l.substr(7);
    auto eq = l.find('=');
    std::string key = l.substr(0, eq);
    while (!key.empty() && (key.back() == ' ' || key.back() == '\t')) key.pop_back();
    if (key.empty() || !name_start(key[0]) ||
        key.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-") !=
            std::string::npos) {
      throw InputError(file + ":" + std::to_string(line) + ": invalid variable name \"" + key + "\"");
    }
    if (eq == std::string::npos) continue;  // a bare name sets nothing
    std::string value = l.substr(eq + 1);
    auto vstart = value.find_first_not_of(" \t");
    value = vstart == std::string::npos ? std::string() : value.substr(vstart);
    if (value.size() >= 2 && (value[0] == '"' || value[0] == '\'')) {
      auto close = value.find(value[0], 1);
      if (close != std::string::npos) {
        value = value.substr(1, close - 1);
      }
    } else {
      auto hash = value.find(" #");
      if (hash != std::string::npos) value = value.substr(0, hash);
      while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.pop_back();
    }
    env[key] = value;
  }
  return env;
}

}  // namespace ballast::compose
