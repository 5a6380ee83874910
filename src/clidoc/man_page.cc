#include "clidoc/man_page.h"

#include "util/utf8.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace ballast::clidoc {
namespace {

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

std::string bold(const std::string& s) { return "\\fB" + roff_escape(s) + "\\fR"; }
std::string italic(const std::string& s) { return "\\fI" + roff_escape(s) + "\\fR"; }

std::string option_label(const OptionDoc& o) {
  std::string label;
  for (const auto& s : o.short_names) label += (label.empty() ? "" : ", ") + bold("-" + s);
  for (const auto& l : o.long_names) label += (label.empty() ? "" : ", ") + bold("--" + l);
  if (!o.value_name.empty()) label += " " + italic(o.value_name);
  return label;
}

std::string positional_usage(const PositionalDoc& p) {
  std::string s = italic(p.name) + (p.repeatable ? "..." : "");
  return p.required ? s : "[" + s + "]";
}

void render_options(const std::vector<OptionDoc>& options, std::ostream& out) {
  for (const auto& o : options) {
    out << ".TP\n" << option_label(o) << "\n" << roff_escape(o.help);
    if (!o.choices.empty()) {
      std::string values;
      for (const auto& c : o.choices) values += (values.empty() ? "" : ", ") + c;
      out << " (one of: " << roff_escape(values) << ")";
    }
    out << "\n";
  }
}

void render_positionals(const std::vector<PositionalDoc>& positionals, std::ostream& out) {
  for (const auto& p : positionals) out << ".TP\n" << italic(p.name) << "\n" << roff_escape(p.help) << "\n";
}

void render_section(const ManSection& section, std::ostream& out) {
  out << ".SH " << roff_escape(upper(section.title)) << "\n";
  bool first = true;
  for (const auto& para : section.paragraphs) {
    if (para.rfind("  ", 0) == 0) {
      // Verbatim: each line without its two-space marker, unfilled.
      std::string text;
      size_t start = 0;
      while (start < para.size()) {
        size_t nl = para.find('\n', start);
        std::string line = para.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
        if (line.rfind("  ", 0) == 0) line = line.substr(2);
        text += line + "\n";
        start = nl == std::string::npos ? para.size() : nl + 1;
      }
      out << ".PP\n.RS 4\n.nf\n" << roff_escape(text) << ".fi\n.RE\n";
    } else {
      if (!first) out << ".PP\n";
      out << roff_escape(para) << "\n";
    }
    first = false;
  }
}

void render_command(const CommandDoc& cmd, const std::string& prefix, std::ostream& out) {
  std::string full = prefix + " " + cmd.name;
  out << ".SS \"" << roff_escape(full) << "\"\n";
  std::string usage = bold(full);
  if (!cmd.options.empty()) usage += " [" + italic("OPTIONS") + "]";
  if (!cmd.subcommands.empty()) usage += " " + italic("COMMAND");
  for (const auto& p : cmd.positionals) usage += " " + positional_usage(p);
  out << usage << "\n.PP\n" << roff_escape(cmd.summary) << "\n";
  render_positionals(cmd.positionals, out);
  render_options(cmd.options, out);
  for (const auto& sub : cmd.subcommands) render_command(sub, full, out);
}

}  // namespace

// groff reads its input as Latin-1 by default, so a UTF-8 sequence (an ellipsis in a help text)
// is written as the named Unicode glyph \[uXXXX] that every groff renders.
std::string roff_escape(const std::string& text) {
  std::string out;
  bool line_start = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c >= 0x80) {
      const auto rune = utf8::decode(text, i);
      i += rune.width - 1;
      char buf[16];
      std::snprintf(buf, sizeof buf, "\\[u%04X]", static_cast<unsigned>(rune.value));
      out += buf;
    } else if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += static_cast<char>(c);
    }
    line_start = c == '\n';
  }
  return out;
}

void render_man(const CommandDoc& root, const ManInfo& info, std::ostream& out) {
  out << ".\\\" Generated from the program's own option definitions; do not edit.\n";
  out << ".TH " << roff_escape(upper(root.name)) << " " << info.section << " \"\" \"" << roff_escape(info.source)
      << "\" \"" << roff_escape(info.manual) << "\"\n";
  // "ballast: why..." as a summary would read "ballast \- ballast: why...".
  std::string summary = root.summary;
  if (summary.rfind(root.name + ": ", 0) == 0) summary = summary.substr(root.name.size() + 2);
  out << ".SH NAME\n" << roff_escape(root.name) << " \\- " << roff_escape(summary) << "\n";
  out << ".SH SYNOPSIS\n" << bold(root.name) << " [" << italic("OPTIONS") << "]";
  if (!root.subcommands.empty()) out << " " << italic("COMMAND") << " [" << italic("ARGS") << "]";
  out << "\n";
  for (const auto& s : info.before) render_section(s, out);
  out << ".SH OPTIONS\n";
  render_options(root.options, out);
  if (!root.subcommands.empty()) {
    out << ".SH COMMANDS\n";
    for (const auto& sub : root.subcommands) render_command(sub, root.name, out);
  }
  for (const auto& s : info.after) render_section(s, out);
}

}  // namespace ballast::clidoc
