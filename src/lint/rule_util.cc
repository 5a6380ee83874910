#include "lint/rule_util.h"

#include <cctype>

namespace ballast::lint {

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

std::string requirement_name(std::string_view spec) {
  auto end = spec.find_first_of("=<>!~[;@ (");
  return to_lower(spec.substr(0, end));
}

bool glob_match(std::string_view pattern, std::string_view text) {
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::string_view basename_of(std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

void for_each_run(const LintInput& input, bool final_only,
                  const std::function<void(int index, const RunInfo& run)>& fn) {
  for (std::size_t i = 0; i < input.runs.size(); ++i) {
    if (!input.runs[i]) continue;
    int index = static_cast<int>(i);
    if (input.stage_of[i] < 0) continue;
    if (final_only && !input.in_final(index)) continue;
    fn(index, *input.runs[i]);
  }
}

std::string line_ref(const LintInput& input, int index) {
  return "line " + std::to_string(input.inst(index).start_line);
}

namespace {

// [begin, end) of each blank-separated word of `line`.
std::vector<std::pair<std::size_t, std::size_t>> word_spans(std::string_view line) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    std::size_t b = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > b) out.emplace_back(b, i);
  }
  return out;
}

std::string tidy(std::string s) {
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

}  // namespace

std::string with_word(const dockerfile::Instruction& inst, int index, std::string_view word) {
  const std::string& line = inst.original;
  auto spans = word_spans(line);
  const int n = static_cast<int>(spans.size());
  const int at = index < 0 ? n + index : index;
  if (at < 0 || at >= n) return tidy(line);
  return tidy(line.substr(0, spans[at].first) + std::string(word) + line.substr(spans[at].second));
}

std::string with_word_replaced(const dockerfile::Instruction& inst, std::string_view old_word, std::string_view word) {
  auto spans = word_spans(inst.original);
  for (std::size_t k = 1; k < spans.size(); ++k)
    if (std::string_view(inst.original).substr(spans[k].first, spans[k].second - spans[k].first) == old_word)
      return with_word(inst, static_cast<int>(k), word);
  return tidy(inst.original);
}

}  // namespace ballast::lint
