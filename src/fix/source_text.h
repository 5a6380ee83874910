// A Dockerfile's text as physical lines with their byte offsets, so fixes can
// rewrite exactly the bytes of one instruction (or one word of it) and leave
// every other byte — line endings, comments, blank lines, indentation — as it
// was. The parser (src/dockerfile) keeps 1-based lines; this maps them to bytes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/instruction.h"

namespace ballast::fix {

struct Line {
  std::size_t begin = 0;    // first byte
  std::size_t end = 0;      // one past the last byte before the line ending
  std::size_t next = 0;     // one past the line ending ("\n" or "\r\n"); == end on a last line without one
};

class SourceText {
 public:
  explicit SourceText(std::string_view text);

  std::string_view text() const { return text_; }
  int line_count() const { return static_cast<int>(lines_.size()); }
  const Line& line(int n) const { return lines_[static_cast<std::size_t>(n - 1)]; }  // 1-based
  std::string_view content(int n) const;  // without the line ending
  // "\r\n" when most lines end so, else "\n": what inserted lines end with.
  std::string_view eol() const { return crlf_ ? "\r\n" : "\n"; }
  // The leading blanks of line n.
  std::string_view indent(int n) const;

  // The instruction's lines before any heredoc body: [begin of start_line,
  // end of the last head line) — its ending excluded.
  std::size_t head_begin(const dockerfile::Instruction& inst) const;
  std::size_t head_end(const dockerfile::Instruction& inst) const;
  int head_last_line(const dockerfile::Instruction& inst) const;
  // The whole instruction with its final line ending: [begin, next of end_line).
  std::size_t whole_end(const dockerfile::Instruction& inst) const;

 private:
  std::string_view text_;
  std::vector<Line> lines_;
  bool crlf_ = false;
};

}  // namespace ballast::fix
