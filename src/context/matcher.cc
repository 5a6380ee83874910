#include "context/matcher.h"

#include "util/go_text.h"
#include "util/utf8.h"
#include "util/error.h"

namespace ballast::context {

namespace {

std::string where(const std::string& source, int line) {
  if (source.empty()) return "";
  return line > 0 ? source + ":" + std::to_string(line) + ": " : source + ": ";
}

// fsutil's patternWithoutTrailingGlob.
std::string_view without_trailing_glob(std::string_view p) {
  if (p.ends_with("/**")) p.remove_suffix(3);
  if (p.ends_with("/*")) p.remove_suffix(2);
  return p;
}

}  // namespace

void Matcher::add(std::string_view entry, int line, std::string raw, const std::string& source, bool legacy) {
  std::string_view trimmed = go_text::trim_space(entry);
  if (trimmed.empty()) return;
  std::string cleaned = go_text::clean_path(trimmed);
  Rule rule;
  rule.line = line;
  rule.raw = std::move(raw);
  if (cleaned[0] == '!') {
    if (cleaned.size() == 1) throw InputError(where(source, line) + "illegal exclusion pattern: \"!\"");
    rule.exclusion = true;
    cleaned.erase(0, 1);
  }
  std::string error;
  std::string text = cleaned;
  if (!rule.pattern.compile(std::move(cleaned), &error, legacy)) {
    throw InputError(where(source, line) + error + ": \"" + text + "\"");
  }
  if (rule.exclusion) {
    has_exclusions_ = true;
    std::string_view base = without_trailing_glob(text);
    if (base.find_first_of("*[]?^\\") != std::string_view::npos) only_prefix_exceptions_ = false;
    exception_prefixes_.push_back(std::string(base) + "/");
    legacy_prefixes_.push_back(text + "/");
  }
  rules_.push_back(std::move(rule));
}

Matcher Matcher::from_patterns(const std::vector<std::string>& patterns, bool legacy) {
  Matcher m;
  for (const auto& p : patterns) m.add(p, 0, p, "", legacy);
  return m;
}

Matcher Matcher::from_lines(const std::vector<IgnoreLine>& lines, const std::string& source, bool legacy) {
  Matcher m;
  for (const auto& l : lines) m.add(l.pattern, l.line, l.raw, source, legacy);
  return m;
}

Matcher Matcher::from_file_content(std::string_view content, const std::string& source, bool legacy) {
  return from_lines(read_ignore_lines(content, source), source, legacy);
}

MatchResult Matcher::matches_or_parent_matches(std::string_view path) const {
  MatchResult result;
  // filepath.Dir(path): "." when there is no parent; a path ending in "/" has
  // itself (minus the slash) as parent.
  std::size_t slash = path.rfind('/');
  std::string parent = slash == std::string_view::npos ? "." : go_text::clean_path(path.substr(0, slash + 1));
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    const Rule& rule = rules_[i];
    if (rule.exclusion != result.excluded) continue;
    bool match = rule.pattern.match(path);
    if (!match && parent != ".") {
      // Each leading part of the parent: "a", "a/b", ... (split on "/", so a
      // rooted parent starts with the empty string).
      std::size_t end = 0;
      for (;;) {
        std::size_t next = parent.find('/', end);
        std::string_view prefix = std::string_view(parent).substr(0, next);
        if (rule.pattern.match(prefix)) {
          match = true;
          break;
        }
        if (next == std::string::npos) break;
        end = next + 1;
      }
    }
    if (match) {
      result.excluded = !rule.exclusion;
      result.decided_by = static_cast<int>(i);
    }
  }
  return result;
}

MatchResult Matcher::match_with_ancestors(std::string_view path, const std::uint8_t* parent_any,
                                          std::uint8_t* out_any) const {
  // For a clean relative path the "leading parts of the parent" that
  // matches_or_parent_matches() tries are exactly the ancestor directories,
  // whose results the walk already has.
  MatchResult result;
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    const Rule& rule = rules_[i];
    const bool decides = rule.exclusion == result.excluded;
    if (!decides && out_any == nullptr) continue;
    const bool match = (parent_any != nullptr && parent_any[i] != 0) || rule.pattern.match(path);
    if (out_any != nullptr) out_any[i] = match ? 1 : 0;
    if (decides && match) {
      result.excluded = !rule.exclusion;
      result.decided_by = static_cast<int>(i);
    }
  }
  return result;
}

MatchResult Matcher::match_with_parent(std::string_view path, const std::uint8_t* parent,
                                       std::uint8_t* out) const {
  MatchResult result;
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    const Rule& rule = rules_[i];
    bool match = parent != nullptr && parent[i] != 0;
    if (!match) {
      if (rule.exclusion != result.excluded) {
        out[i] = 0;
        continue;
      }
      match = rule.pattern.match(path);
      if (!match && parent == nullptr) {
        std::size_t slash = path.rfind('/');
        for (std::size_t end = 0; slash != std::string_view::npos;) {
          std::size_t next = path.find('/', end);
          if (rule.pattern.match(path.substr(0, next))) {
            match = true;
            break;
          }
          if (next >= slash) break;
          end = next + 1;
        }
      }
    }
    out[i] = match ? 1 : 0;
    if (match) {
      result.excluded = !rule.exclusion;
      result.decided_by = static_cast<int>(i);
    }
  }
  return result;
}

bool Matcher::can_skip_excluded_dir(std::string_view dir) const {
  if (!only_prefix_exceptions_) return false;
  if (!has_exclusions_) return true;
  std::string dir_slash = std::string(dir) + "/";
  for (const auto& prefix : exception_prefixes_) {
    if (std::string_view(prefix).starts_with(dir_slash)) return false;
  }
  return true;
}

bool Matcher::can_skip_excluded_dir_legacy(std::string_view dir) const {
  if (!has_exclusions_) return true;
  std::string dir_slash = std::string(dir) + "/";
  for (const auto& prefix : legacy_prefixes_) {
    if (std::string_view(prefix).starts_with(dir_slash)) return false;
  }
  return true;
}

}  // namespace ballast::context
