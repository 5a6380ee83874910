#include "dockerfile/heredoc_marker.h"

#include <algorithm>

#include "dockerfile/shell_lex.h"

namespace ballast::dockerfile::detail {
namespace {

std::size_t count_quotes(std::string_view s) {
  return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\'') +
                                  std::count(s.begin(), s.end(), '"'));
}

// ParseHeredoc on one lexed word; false when the word is not a marker.
bool parse_marker(std::string_view word, Heredoc& out) {
  std::size_t pos = 0;
  while (pos < word.size() && word[pos] >= '0' && word[pos] <= '9') ++pos;
  const std::string_view digits = word.substr(0, pos);
  if (word.substr(pos, 2) != "<<") return false;
  pos += 2;
  bool chomp = false;
  if (pos < word.size() && word[pos] == '-') {
    chomp = true;
    ++pos;
  }
  const std::string_view rest = word.substr(pos);
  if (rest.find('<') != std::string_view::npos) return false;
  if (rest.empty()) return false;

  const Env no_env;
  LexOptions plain;
  plain.skip_unset = true;
  const std::vector<std::string> words = expand_words(rest, no_env, plain);
  if (words.size() != 1) return false;
  LexOptions raw = plain;
  raw.raw_quotes = true;
  const std::vector<std::string> raw_words = expand_words(rest, no_env, raw);
  if (raw_words.size() != words.size()) {
    throw ShellError("internal lexing of heredoc produced inconsistent results: " + std::string(rest));
  }
  out.name = words[0];
  out.expand = count_quotes(words[0]) == count_quotes(raw_words[0]);
  out.chomp = chomp;
  out.fd = 0;
  // strconv.ParseUint errors (overflow) leave 0, as in BuildKit.
  if (!digits.empty() && digits.size() < 10) out.fd = std::stoi(std::string(digits));
  return true;
}

}  // namespace

std::vector<Heredoc> heredocs_from_line(std::string_view line) {
  std::vector<Heredoc> docs;
  if (line.find("<<") == std::string_view::npos) return docs;  // fast path
  LexOptions options;
  options.raw_quotes = true;
  options.raw_escapes = true;
  options.skip_unset = true;
  std::vector<std::string> words;
  try {
    words = expand_words(line, Env{}, options);
  } catch (const ShellError&) {
    return docs;  // BuildKit ignores lexing errors here: no heredocs
  }
  for (const std::string& word : words) {
    Heredoc doc;
    if (parse_marker(word, doc)) docs.push_back(std::move(doc));
  }
  return docs;
}

}  // namespace ballast::dockerfile::detail
