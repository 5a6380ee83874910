#include "context/ignore_file.h"

#include "util/go_text.h"
#include "util/utf8.h"
#include "util/error.h"

namespace ballast::context {

namespace {
// bufio.MaxScanTokenSize: a longer line makes Docker fail with
// "bufio.Scanner: token too long".
constexpr std::size_t kMaxLine = 64 * 1024;
}  // namespace

std::vector<IgnoreLine> read_ignore_lines(std::string_view content, const std::string& filename) {
  std::vector<IgnoreLine> out;
  if (content.starts_with("\xEF\xBB\xBF")) content.remove_prefix(3);
  int number = 0;
  std::size_t pos = 0;
  while (pos < content.size()) {
    std::size_t nl = content.find('\n', pos);
    bool has_nl = nl != std::string_view::npos;
    std::string_view line = content.substr(pos, has_nl ? nl - pos : std::string_view::npos);
    pos = has_nl ? nl + 1 : content.size();
    ++number;
    if (line.size() + (has_nl ? 1 : 0) > kMaxLine) {
      throw InputError(filename + ":" + std::to_string(number) +
                       ": error reading .dockerignore: bufio.Scanner: token too long");
    }
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.starts_with('#')) continue;
    std::string_view text = go_text::trim_space(line);
    if (text.empty()) continue;
    const bool invert = text.front() == '!';
    if (invert) text = go_text::trim_space(text.substr(1));
    std::string pattern;
    if (!text.empty()) {
      pattern = go_text::clean_path(text);
      if (pattern.size() > 1 && pattern.front() == '/') pattern.erase(0, 1);
    }
    if (invert) pattern.insert(0, "!");
    out.push_back({number, std::string(line), std::move(pattern)});
  }
  return out;
}

}  // namespace ballast::context
