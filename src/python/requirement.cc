#include "python/requirement.h"

#include <cctype>

#include "python/marker.h"
#include "python/package_name.h"
#include "util/quoted_excerpt.h"

namespace ballast::python {

namespace {

bool name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
}
bool version_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '*' || c == '+' ||
         c == '!' || c == '-' || c == '_';
}
void skip_space(std::string_view s, size_t& i) {
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
}
std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// version_many: version_one (',' version_one)*, blanks allowed around tokens.
std::string parse_specifier(std::string_view s, size_t& i, std::string& error) {
  std::string out;
  static constexpr std::string_view kOps[] = {"===", "==", "!=", "~=", "<=", ">=", "<", ">"};
  while (true) {
    skip_space(s, i);
    std::string_view op;
    for (auto candidate : kOps) {
      if (s.substr(i, candidate.size()) == candidate) {
        op = candidate;
        break;
      }
    }
    if (op.empty()) {
      error = "expected a version operator (==, >=, ~=, ...) at " + quoted_excerpt(s.substr(i));
      return out;
    }
    i += op.size();
    skip_space(s, i);
    size_t start = i;
    while (i < s.size() && version_char(s[i])) ++i;
    if (i == start) {
      error = "missing version after " + quoted_excerpt(op);
      return out;
    }
    if (!out.empty()) out += ',';
    out += op;
    out += s.substr(start, i - start);
    skip_space(s, i);
    if (i < s.size() && s[i] == ',') {
      ++i;
      continue;
    }
    return out;
  }
}

}  // namespace

PinKind pin_kind(const Requirement& r) {
  if (!r.url.empty()) return PinKind::kUrl;
  if (r.specifier.empty()) return PinKind::kUnpinned;
  bool single = r.specifier.find(',') == std::string::npos;
  bool exact = (r.specifier.rfind("===", 0) == 0) ||
               (r.specifier.rfind("==", 0) == 0 && r.specifier.find('*') == std::string::npos);
  return single && exact ? PinKind::kExact : PinKind::kRange;
}

std::string_view to_string(PinKind kind) {
  switch (kind) {
    case PinKind::kExact: return "exact";
    case PinKind::kRange: return "range";
    case PinKind::kUnpinned: return "unpinned";
    case PinKind::kUrl: return "url";
  }
  return "unknown";
}

std::string parse_pep508(std::string_view text, Requirement& out) {
  std::string_view s = trim(text);
  size_t i = 0;
  while (i < s.size() && name_char(s[i])) ++i;
  std::string_view name = s.substr(0, i);
  if (!is_valid_name(name)) {
    return name.empty() ? "expected a package name at " + quoted_excerpt(s)
                        : "invalid package name " + quoted_excerpt(name);
  }
  out.name = std::string(name);
  out.normalized = normalize_name(name);
  skip_space(s, i);
  if (i < s.size() && s[i] == '[') {
    ++i;
    while (true) {
      skip_space(s, i);
      if (i < s.size() && s[i] == ']') {
        ++i;
        break;
      }
      size_t start = i;
      while (i < s.size() && name_char(s[i])) ++i;
      if (i == start) return "bad extras list in " + quoted_excerpt(s);
      out.extras.push_back(normalize_name(s.substr(start, i - start)));
      skip_space(s, i);
      if (i < s.size() && s[i] == ',') {
        ++i;
        continue;
      }
      if (i < s.size() && s[i] == ']') {
        ++i;
        break;
      }
      return "unterminated extras list in " + quoted_excerpt(s);
    }
    skip_space(s, i);
  }
  std::string error;
  if (i < s.size() && s[i] == '@') {
    ++i;
    skip_space(s, i);
    size_t start = i;
    // PEP 508: the URL ends at whitespace; a marker must follow a blank.
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    out.url = std::string(s.substr(start, i - start));
    if (out.url.empty()) return "missing URL after '@'";
    skip_space(s, i);
  } else if (i < s.size() && s[i] == '(') {
    ++i;
    out.specifier = parse_specifier(s, i, error);
    if (!error.empty()) return error;
    skip_space(s, i);
    if (i >= s.size() || s[i] != ')') return "missing ')' after version specifier";
    ++i;
    skip_space(s, i);
  } else if (i < s.size() && s[i] != ';') {
    out.specifier = parse_specifier(s, i, error);
    if (!error.empty()) return error;
  }
  skip_space(s, i);
  if (i < s.size() && s[i] == ';') {
    out.marker = std::string(trim(s.substr(i + 1)));
    if (out.marker.empty()) return "empty environment marker after ';'";
    std::string marker_error = check_marker(out.marker);
    if (!marker_error.empty()) return "bad environment marker: " + marker_error;
    i = s.size();
  }
  if (i != s.size()) return "unexpected text " + quoted_excerpt(s.substr(i));
  return "";
}

std::string display(const Requirement& r) {
  std::string out = r.name.empty() ? r.url : r.name;
  if (!r.extras.empty()) {
    out += '[';
    for (size_t k = 0; k < r.extras.size(); ++k) out += (k ? "," : "") + r.extras[k];
    out += ']';
  }
  if (!r.name.empty() && !r.url.empty()) out += " @ " + r.url;
  out += r.specifier;
  return out;
}

}  // namespace ballast::python
