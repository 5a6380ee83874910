#include "fix/source_text.h"

namespace ballast::fix {

SourceText::SourceText(std::string_view text) : text_(text) {
  std::size_t pos = 0;
  int crlf = 0, lf = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    Line l;
    l.begin = pos;
    if (nl == std::string_view::npos) {
      l.end = l.next = text.size();
    } else {
      l.end = nl;
      l.next = nl + 1;
      if (nl > pos && text[nl - 1] == '\r') {
        --l.end;
        ++crlf;
      } else {
        ++lf;
      }
    }
    lines_.push_back(l);
    pos = l.next;
  }
  crlf_ = crlf > lf;
}

std::string_view SourceText::content(int n) const {
  const Line& l = line(n);
  return text_.substr(l.begin, l.end - l.begin);
}

std::string_view SourceText::indent(int n) const {
  std::string_view c = content(n);
  std::size_t i = 0;
  while (i < c.size() && (c[i] == ' ' || c[i] == '\t')) ++i;
  return c.substr(0, i);
}

int SourceText::head_last_line(const dockerfile::Instruction& inst) const {
  int last = inst.end_line;
  if (!inst.heredocs.empty()) last = inst.heredocs.front().start_line - 1;
  if (last < inst.start_line) last = inst.start_line;
  return last;
}

std::size_t SourceText::head_begin(const dockerfile::Instruction& inst) const { return line(inst.start_line).begin; }

std::size_t SourceText::head_end(const dockerfile::Instruction& inst) const {
  return line(head_last_line(inst)).end;
}

std::size_t SourceText::whole_end(const dockerfile::Instruction& inst) const { return line(inst.end_line).next; }

}  // namespace ballast::fix
