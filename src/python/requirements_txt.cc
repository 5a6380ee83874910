#include "python/requirements_txt.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>
#include <system_error>
#include <vector>

#include "python/package_name.h"
#include "python/text_file.h"
#include "util/limits.h"
#include "util/quoted_excerpt.h"

namespace ballast::python {

namespace fs = std::filesystem;

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// pip strips "(^|\s+)#.*$": a '#' starts a comment at the line start or after
// a blank, so "pkg @ https://x/y.whl#sha256=..." keeps its fragment.
std::string_view strip_comment(std::string_view line) {
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '#' && (i == 0 || std::isspace(static_cast<unsigned char>(line[i - 1]))))
      return line.substr(0, i);
  }
  return line;
}

// Splits on blanks, honouring simple quotes (pip uses shlex for option lines).
std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> words;
  std::string current;
  bool in_word = false;
  char quote = 0;
  for (char c : s) {
    if (quote) {
      if (c == quote) quote = 0;
      else current += c;
      continue;
    }
    if (c == '"' || c == '\'') {
      quote = c;
      in_word = true;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (in_word) words.push_back(current);
      current.clear();
      in_word = false;
      continue;
    }
    current += c;
    in_word = true;
  }
  if (in_word) words.push_back(current);
  return words;
}

bool looks_like_url_or_path(std::string_view s) {
  if (s.find("://") != std::string_view::npos) return true;
  for (std::string_view scheme : {"git+", "hg+", "svn+", "bzr+", "file:"}) {
    if (starts_with(s, scheme)) return true;
  }
  if (starts_with(s, ".") || starts_with(s, "/") || starts_with(s, "~")) return true;
  size_t stop = s.find_first_of("=<>!~;[ ");
  std::string_view head = s.substr(0, stop);
  if (head.find('/') != std::string_view::npos || head.find('\\') != std::string_view::npos) return true;
  for (std::string_view ext : {".whl", ".zip", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz"}) {
    if (ends_with(head, ext)) return true;
  }
  return false;
}

// "name @ ..." is a PEP 508 URL requirement even though it contains "://".
bool is_pep508_url_form(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '-' ||
                          s[i] == '_' || s[i] == '.'))
    ++i;
  if (i == 0) return false;
  while (i < s.size() && s[i] == ' ') ++i;
  if (i < s.size() && s[i] == '[') {
    size_t close = s.find(']', i);
    if (close == std::string_view::npos) return false;
    i = close + 1;
    while (i < s.size() && s[i] == ' ') ++i;
  }
  return i < s.size() && s[i] == '@';
}

}  // namespace

bool is_dev_requirements_name(const fs::path& path) { return is_dev_group_name(path.stem().string()); }

bool is_dev_group_name(std::string_view name) {
  static constexpr std::string_view kDevWords[] = {
      "dev", "devel", "develop", "development", "test", "tests", "testing", "lint", "linting",
      "doc", "docs", "ci", "typing", "mypy", "qa", "style", "format", "tox", "local", "debug"};
  // "requirements-dev.txt", "requirements_test.txt", "requirements/docs.txt".
  std::string text = std::string(name) + "-";
  std::string word;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      continue;
    }
    if (std::find(std::begin(kDevWords), std::end(kDevWords), word) != std::end(kDevWords)) return true;
    word.clear();
  }
  return false;
}

std::string name_from_url(std::string_view url) {
  size_t egg = url.find("#egg=");
  if (egg == std::string_view::npos) egg = url.find("&egg=");
  if (egg != std::string_view::npos) {
    std::string_view name = url.substr(egg + 5);
    size_t end = name.find_first_of("&[ ");
    name = name.substr(0, end);
    // "#egg=name-1.0" (old style) keeps only the name.
    return is_valid_name(name) ? std::string(name) : "";
  }
  std::string_view file = url.substr(0, url.find_first_of("#?"));
  size_t slash = file.find_last_of("/\\");
  if (slash != std::string_view::npos) file = file.substr(slash + 1);
  if (ends_with(file, ".whl")) {
    // Wheel file names: {name}-{version}(-{build})?-{python}-{abi}-{platform}.whl
    std::string_view name = file.substr(0, file.find('-'));
    return is_valid_name(name) ? std::string(name) : "";
  }
  for (std::string_view ext : {".tar.gz", ".tgz", ".zip", ".tar.bz2", ".tar.xz"}) {
    if (ends_with(file, ext)) {
      std::string_view stem = file.substr(0, file.size() - ext.size());
      // sdist: {name}-{version}; the version starts after the last '-' before a digit.
      for (size_t k = stem.size(); k-- > 0;) {
        if (stem[k] == '-' && k + 1 < stem.size() && std::isdigit(static_cast<unsigned char>(stem[k + 1])))
          return is_valid_name(stem.substr(0, k)) ? std::string(stem.substr(0, k)) : "";
      }
    }
  }
  return "";
}

std::string RequirementsReader::display_path(const fs::path& path) const {
  std::error_code ec;
  fs::path rel = fs::relative(path, root_, ec);
  if (ec || rel.empty() || starts_with(rel.string(), "..")) return path.lexically_normal().string();
  return rel.string();
}

bool RequirementsReader::read(const fs::path& path, Declarations& out) {
  std::error_code ec;
  fs::path dir = fs::weakly_canonical(path, ec).parent_path();
  if (!ec) allowed_.push_back(dir);
  return read_file(path, false, out, nullptr);
}

bool RequirementsReader::inside_allowed(const fs::path& path) const {
  std::error_code ec;
  const fs::path target = fs::weakly_canonical(path, ec);  // resolves ../ and symlinks
  if (ec) return false;
  auto under = [&](const fs::path& dir) {
    auto t = target.begin();
    for (auto d = dir.begin(); d != dir.end(); ++d, ++t) {
      if (d->empty()) continue;  // trailing separator
      if (t == target.end() || *t != *d) return false;
    }
    return true;
  };
  fs::path root = fs::weakly_canonical(root_, ec);
  if (!ec && under(root)) return true;
  return std::any_of(allowed_.begin(), allowed_.end(), under);
}

bool RequirementsReader::read_file(const fs::path& path, bool constraint, Declarations& out,
                                   const model::SourceLocation* included_from) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  std::string key = ec ? path.lexically_normal().string() : canonical.string();
  if (included_from) out.includes.emplace_back(included_from->file, display_path(path));
  if (std::find(stack_.begin(), stack_.end(), key) != stack_.end()) {
    std::string chain;
    for (const auto& f : stack_) chain += display_path(f) + " -> ";
    out.warnings.push_back({included_from ? *included_from : model::SourceLocation{display_path(path)},
                            "include cycle: " + chain + display_path(path) + " (not followed)"});
    return true;
  }
  if (done_.count(key)) return true;
  // /dev/zero, a FIFO or a 10 GB file would be read until memory runs out.
  const fs::file_status st = fs::status(path, ec);
  const bool regular = !ec && fs::is_regular_file(st);
  const std::uintmax_t size = regular ? fs::file_size(path, ec) : 0;
  if (regular && !ec && size > limits::kMaxRequirementsBytes) {
    const std::string why = display_path(path) + " is larger than " +
                            std::to_string(limits::kMaxRequirementsBytes >> 20) + " MiB (see docs/limits.md)";
    if (!included_from) throw LimitError(why);
    out.warnings.push_back({*included_from, why + "; not followed"});
    return true;
  }
  if (!ec && fs::exists(st) && !regular) {
    const std::string why = display_path(path) + " is not a regular file";
    if (!included_from) throw LimitError(why);
    out.warnings.push_back({*included_from, why + " (not followed)"});
    return true;
  }
  auto text = read_text_file(path);
  if (!text) {
    if (included_from) {
      out.warnings.push_back({*included_from, "cannot read included file " + display_path(path)});
    }
    return false;
  }
  done_.insert(key);
  stack_.push_back(key);
  read_text(path, *text, constraint, out);
  stack_.pop_back();
  return true;
}

void RequirementsReader::read_text(const fs::path& path, std::string_view text, bool constraint,
                                   Declarations& out) {
  out.files.push_back(display_path(path));
  if (int bad = first_invalid_utf8_line(text)) {
    out.warnings.push_back({{display_path(path), bad},
                            "not valid UTF-8 (pip reads requirements files as UTF-8); read as bytes"});
  }
  bool dev = is_dev_requirements_name(path);
  std::string logical;
  int start_line = 0;
  int line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    std::string_view physical =
        text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    ++line_no;
    if (!physical.empty() && physical.back() == '\r') physical.remove_suffix(1);
    if (logical.empty()) start_line = line_no;
    // pip joins a line ending in '\' with the next one before stripping comments.
    if (!physical.empty() && physical.back() == '\\') {
      logical += physical.substr(0, physical.size() - 1);
    } else {
      logical += physical;
      parse_line(path, strip_comment(logical), start_line, constraint, dev, out);
      logical.clear();
    }
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  if (!logical.empty()) parse_line(path, strip_comment(logical), start_line, constraint, dev, out);
}

void RequirementsReader::parse_line(const fs::path& path, std::string_view raw, int line_no,
                                    bool constraint, bool dev, Declarations& out) {
  std::string_view line = trim(raw);
  if (line.empty()) return;
  model::SourceLocation where{display_path(path), line_no};
  auto warn = [&](std::string message) { out.warnings.push_back({where, std::move(message)}); };

  if (line.front() == '-') {
    std::vector<std::string> words = split_words(line);
    std::string option = words[0];
    std::string value;
    size_t eq = option.find('=');
    if (starts_with(option, "--") && eq != std::string::npos) {
      value = option.substr(eq + 1);
      option = option.substr(0, eq);
    } else if (!starts_with(option, "--") && option.size() > 2) {
      value = option.substr(2);  // "-rbase.txt"
      option = option.substr(0, 2);
    } else if (words.size() > 1) {
      value = words[1];
    }
    auto need_value = [&]() {
      if (value.empty()) warn("option " + option + " needs a value");
      return !value.empty();
    };
    if (option == "-r" || option == "--requirement" || option == "-c" || option == "--constraint") {
      if (!need_value()) return;
      bool is_constraint = constraint || option == "-c" || option == "--constraint";
      fs::path target = value;
      if (target.is_relative()) target = path.parent_path() / target;
      // A repository's requirements must not make ballast read (and quote)
      // /etc/shadow: includes stay under the project or a file the user named.
      if (!inside_allowed(target)) {
        warn("include " + quoted_excerpt(value) + " is outside the project (not followed; see docs/limits.md)");
        return;
      }
      read_file(target, is_constraint, out, &where);
      return;
    }
    if (option == "-e" || option == "--editable") {
      if (!need_value()) return;
      Requirement r;
      r.location = where;
      r.editable = true;
      r.constraint = constraint;
      r.dev = dev;
      // The value as written: split_words() drops quotes, so `-e "x"y` has
      // the value xy, which is not in the line; then take what follows the option.
      auto at = line.find(value);
      std::string rest(trim(at != std::string_view::npos ? line.substr(at) : line.substr(std::min(line.size(), words[0].size()))));
      if (!looks_like_url_or_path(rest) && is_valid_name(rest.substr(0, rest.find('[')))) {
        std::string error = parse_pep508(rest, r);
        if (!error.empty()) return warn("cannot parse requirement: " + error);
      } else {
        r.url = value;
        r.name = name_from_url(value);
        r.normalized = normalize_name(r.name);
      }
      out.requirements.push_back(std::move(r));
      return;
    }
    if (option == "-i" || option == "--index-url" || option == "--extra-index-url" || option == "-f" ||
        option == "--find-links") {
      if (!need_value()) return;
      out.indexes.push_back({value, option == "--extra-index-url", option == "-f" || option == "--find-links",
                             where});
      return;
    }
    static constexpr std::string_view kKnown[] = {
        "--no-index", "--pre", "--trusted-host", "--prefer-binary", "--only-binary", "--no-binary",
        "--require-hashes", "--use-feature", "--config-settings", "--global-option", "--install-option",
        "--no-deps"};
    if (std::find(std::begin(kKnown), std::end(kKnown), option) == std::end(kKnown)) {
      warn("unknown option " + option + " (ignored)");
    }
    return;
  }

  // Per-requirement options start at the first " --" (pip: --hash,
  // --config-settings, --global-option, --install-option).
  std::string_view spec = line;
  std::vector<std::string> hashes;
  size_t opt = std::string_view::npos;
  for (size_t i = 1; i + 2 < line.size(); ++i) {
    if (std::isspace(static_cast<unsigned char>(line[i - 1])) && line[i] == '-' && line[i + 1] == '-') {
      opt = i;
      break;
    }
  }
  if (opt != std::string_view::npos) {
    spec = trim(line.substr(0, opt));
    std::vector<std::string> words = split_words(line.substr(opt));
    for (size_t k = 0; k < words.size(); ++k) {
      const std::string& w = words[k];
      if (starts_with(w, "--hash=")) hashes.push_back(w.substr(7));
      else if (w == "--hash" && k + 1 < words.size()) hashes.push_back(words[++k]);
      else if (starts_with(w, "--")) {
        if (!starts_with(w, "--config-settings") && !starts_with(w, "--global-option") &&
            !starts_with(w, "--install-option"))
          warn("unknown per-requirement option " + w + " (ignored)");
        if (w.find('=') == std::string::npos && k + 1 < words.size() && !starts_with(words[k + 1], "--")) ++k;
      }
    }
  }

  Requirement r;
  r.location = where;
  r.constraint = constraint;
  r.dev = dev;
  r.hashes = std::move(hashes);
  if (!is_pep508_url_form(spec) && looks_like_url_or_path(spec)) {
    // pip: a URL or path, optionally followed by "; marker".
    size_t semi = spec.find("; ");
    std::string_view url = trim(spec.substr(0, semi));
    if (semi != std::string_view::npos) r.marker = std::string(trim(spec.substr(semi + 2)));
    r.url = std::string(url);
    r.name = name_from_url(url);
    r.normalized = normalize_name(r.name);
    out.requirements.push_back(std::move(r));
    return;
  }
  std::string error = parse_pep508(spec, r);
  if (!error.empty()) return warn("cannot parse requirement " + quoted_excerpt(spec) + ": " + error);
  out.requirements.push_back(std::move(r));
}

}  // namespace ballast::python
