#include "python/version.h"

#include <algorithm>
#include <cctype>
#include <limits>

namespace ballast::python {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool read_number(std::string_view s, size_t& i, long& out) {
  size_t start = i;
  long value = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
    if (value > 100000000L) return false;  // absurd component: refuse rather than overflow
    value = value * 10 + (s[i] - '0');
    ++i;
  }
  out = value;
  return i > start;
}

bool skip_separator(std::string_view s, size_t& i) {
  if (i < s.size() && (s[i] == '.' || s[i] == '-' || s[i] == '_')) {
    ++i;
    return true;
  }
  return false;
}

// Tries each spelling PEP 440 normalises to one pre-release kind.
int match_pre(std::string_view s, size_t& i) {
  static constexpr std::pair<std::string_view, int> kSpellings[] = {
      {"alpha", 0}, {"beta", 1}, {"preview", 2}, {"pre", 2}, {"rc", 2}, {"a", 0}, {"b", 1}, {"c", 2}};
  for (auto [word, kind] : kSpellings) {
    if (s.substr(i, word.size()) == word) {
      i += word.size();
      return kind;
    }
  }
  return -1;
}

}  // namespace

std::optional<Version> parse_version(std::string_view text) {
  std::string s = lower(text);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  if (i < s.size() && s[i] == 'v') ++i;
  Version v;
  long n = 0;
  size_t save = i;
  if (read_number(s, i, n) && i < s.size() && s[i] == '!') {
    v.epoch = n;
    ++i;
  } else {
    i = save;
  }
  if (!read_number(s, i, n)) return std::nullopt;
  v.release.push_back(n);
  while (i + 1 < s.size() && s[i] == '.' && std::isdigit(static_cast<unsigned char>(s[i + 1]))) {
    ++i;
    read_number(s, i, n);
    v.release.push_back(n);
  }
  // pre-release
  save = i;
  skip_separator(s, i);
  int kind = match_pre(s, i);
  if (kind >= 0) {
    v.pre_kind = kind;
    skip_separator(s, i);
    if (!read_number(s, i, v.pre_number)) v.pre_number = 0;
  } else {
    i = save;
  }
  // post-release: ".post1", "-1", "post", "rev", "r"
  save = i;
  if (i < s.size() && s[i] == '-' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1]))) {
    ++i;
    read_number(s, i, v.post);
  } else {
    skip_separator(s, i);
    bool found = false;
    for (std::string_view word : {"post", "rev", "r"}) {
      if (s.compare(i, word.size(), word) == 0) {
        i += word.size();
        found = true;
        break;
      }
    }
    if (found) {
      skip_separator(s, i);
      if (!read_number(s, i, v.post)) v.post = 0;
    } else {
      i = save;
    }
  }
  // dev release
  save = i;
  skip_separator(s, i);
  if (s.compare(i, 3, "dev") == 0) {
    i += 3;
    skip_separator(s, i);
    if (!read_number(s, i, v.dev)) v.dev = 0;
  } else {
    i = save;
  }
  if (i < s.size() && s[i] == '+') {
    v.local = s.substr(i + 1);
    if (v.local.empty()) return std::nullopt;
    i = s.size();
  }
  if (i != s.size()) return std::nullopt;
  return v;
}

int compare_versions(const Version& a, const Version& b) {
  if (a.epoch != b.epoch) return a.epoch < b.epoch ? -1 : 1;
  size_t len = std::max(a.release.size(), b.release.size());
  for (size_t k = 0; k < len; ++k) {
    long x = k < a.release.size() ? a.release[k] : 0;
    long y = k < b.release.size() ? b.release[k] : 0;
    if (x != y) return x < y ? -1 : 1;
  }
  // PEP 440 ordering of one release: X.devN < XaN < XbN < XrcN < X < X.postN.
  // A dev release of a final version sorts before its pre-releases.
  auto pre_key = [](const Version& v) -> std::pair<int, long> {
    if (v.pre_kind >= 0) return {v.pre_kind, v.pre_number};
    if (v.post < 0 && v.dev >= 0) return {-1, 0};
    return {3, 0};
  };
  auto pa = pre_key(a), pb = pre_key(b);
  if (pa != pb) return pa < pb ? -1 : 1;
  if (a.post != b.post) return a.post < b.post ? -1 : 1;
  // No dev sorts after any dev.
  long da = a.dev < 0 ? std::numeric_limits<long>::max() : a.dev, db = b.dev < 0 ? std::numeric_limits<long>::max() : b.dev;
  if (da != db) return da < db ? -1 : 1;
  if (a.local != b.local) return a.local < b.local ? -1 : 1;
  return 0;
}

std::optional<bool> satisfies(const Version& v, std::string_view clause) {
  size_t i = 0;
  while (i < clause.size() && std::isspace(static_cast<unsigned char>(clause[i]))) ++i;
  clause.remove_prefix(i);
  static constexpr std::string_view kOps[] = {"===", "==", "!=", "~=", "<=", ">=", "<", ">"};
  std::string_view op;
  for (auto candidate : kOps) {
    if (clause.substr(0, candidate.size()) == candidate) {
      op = candidate;
      break;
    }
  }
  if (op.empty()) return std::nullopt;
  std::string rest(clause.substr(op.size()));
  rest.erase(std::remove_if(rest.begin(), rest.end(),
                            [](char c) { return std::isspace(static_cast<unsigned char>(c)); }),
             rest.end());
  if (op == "===") return std::nullopt;  // arbitrary equality: no ordering to check
  bool wildcard = rest.size() >= 2 && rest.compare(rest.size() - 2, 2, ".*") == 0;
  if (wildcard) {
    if (op != "==" && op != "!=") return std::nullopt;
    auto prefix = parse_version(rest.substr(0, rest.size() - 2));
    if (!prefix) return std::nullopt;
    bool match = v.epoch == prefix->epoch && v.release.size() >= prefix->release.size() &&
                 std::equal(prefix->release.begin(), prefix->release.end(), v.release.begin());
    return op == "==" ? match : !match;
  }
  auto spec = parse_version(rest);
  if (!spec) return std::nullopt;
  // "==1.2" ignores the candidate's local label unless the spec has one.
  Version candidate = v;
  if (spec->local.empty()) candidate.local.clear();
  int c = compare_versions(candidate, *spec);
  if (op == "==") return c == 0;
  if (op == "!=") return c != 0;
  if (op == "<=") return c <= 0;
  if (op == ">=") return c >= 0;
  if (op == "<") return c < 0;
  if (op == ">") return c > 0;
  // "~=X.Y.Z" means ">=X.Y.Z, ==X.Y.*".
  if (spec->release.size() < 2) return std::nullopt;
  if (c < 0) return false;
  for (size_t k = 0; k + 1 < spec->release.size(); ++k) {
    long have = k < candidate.release.size() ? candidate.release[k] : 0;
    if (have != spec->release[k]) return false;
  }
  return candidate.epoch == spec->epoch;
}

std::optional<bool> satisfies_all(const Version& v, std::string_view specifier) {
  bool all = true;
  size_t start = 0;
  while (start <= specifier.size()) {
    size_t comma = specifier.find(',', start);
    std::string_view clause =
        specifier.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    bool blank = clause.find_first_not_of(" \t") == std::string_view::npos;
    if (!blank) {
      auto ok = satisfies(v, clause);
      if (!ok) return std::nullopt;
      all = all && *ok;
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return all;
}

}  // namespace ballast::python
