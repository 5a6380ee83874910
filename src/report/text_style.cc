#include "report/text_style.h"

namespace ballast::report {
namespace {

constexpr std::string_view kReset = "\x1b[0m";

std::string_view sgr(Tone tone) {
  switch (tone) {
    case Tone::kError: return "\x1b[1;31m";  // bold red
    case Tone::kWarning: return "\x1b[33m";  // yellow
    case Tone::kInfo: return "\x1b[36m";     // cyan
    case Tone::kSaving: return "\x1b[32m";   // green
    case Tone::kHeadline: return "\x1b[1m";  // bold
  }
  return "";
}

Tone tone_of(model::Severity s) {
  switch (s) {
    case model::Severity::kError: return Tone::kError;
    case model::Severity::kWarning: return Tone::kWarning;
    case model::Severity::kInfo: return Tone::kInfo;
  }
  return Tone::kInfo;
}

bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// One line (no '\n') cut to `width` columns.
void fit_line(std::string_view line, std::size_t width, std::string& out) {
  // Columns of the whole line first: most lines fit and are copied as they are.
  std::size_t columns = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\x1b' && i + 1 < line.size() && line[i + 1] == '[') {
      i += 2;
      while (i < line.size() && !(line[i] >= 0x40 && line[i] <= 0x7E)) ++i;  // CSI final byte
      continue;
    }
    if (!continuation(line[i])) ++columns;
  }
  if (columns <= width) {
    out += line;
    return;
  }
  // Keep width-1 columns, then the ellipsis in the last one.
  std::size_t kept = 0;
  bool painted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\x1b' && i + 1 < line.size() && line[i + 1] == '[') {
      std::size_t start = i;
      i += 2;
      while (i < line.size() && !(line[i] >= 0x40 && line[i] <= 0x7E)) ++i;
      out += line.substr(start, i - start + 1);
      painted = true;
      continue;
    }
    if (!continuation(line[i])) {
      if (kept + 1 == width) break;
      ++kept;
    }
    out += line[i];
  }
  out += "\u2026";
  if (painted) out += kReset;
}

}  // namespace

std::string paint(const TextStyle& style, Tone tone, std::string_view text) {
  if (!style.color || text.empty()) return std::string(text);
  std::string out(sgr(tone));
  out += text;
  out += kReset;
  return out;
}

std::string severity_word(const TextStyle& style, model::Severity severity) {
  return paint(style, tone_of(severity), model::to_string(severity));
}

std::string fit_to_width(std::string_view text, std::size_t width) {
  if (width == 0) return std::string(text);
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    fit_line(text.substr(0, nl), width, out);
    if (nl == std::string_view::npos) break;
    out += '\n';
    text.remove_prefix(nl + 1);
  }
  return out;
}

}  // namespace ballast::report
